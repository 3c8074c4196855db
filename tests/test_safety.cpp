// Damaged and foreign databases, hostile card text on a terminal, and signals during a session.
#include "child_process.hpp"
#include "cli_runner.hpp"
#include "collection_checks.hpp"
#include "test_support.hpp"
#include "rolecall/storage/storage.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <sys/stat.h>

#include <chrono>
#include <regex>

using namespace rolecall;
using namespace std::chrono_literals;
using test::Child;

namespace {

// One error line naming the file, exit 1, and the file exactly as it was.
void check_refused(const std::filesystem::path& file, const test::Run& run, const std::string& before,
                   const std::string& says) {
    INFO(run.err);
    CHECK(run.exit_code == 1);
    CHECK_THAT(run.err, Catch::StartsWith("rolecall: error: ") && Catch::Contains(file.filename().string()) &&
                            Catch::Contains(says));
    CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);
    CHECK(test::read_file(file) == before);
    CHECK_FALSE(std::filesystem::exists(file.string() + "-wal"));
}

// What `rolecall review` printed beyond plain text: control characters and escape sequences other
// than rolecall's own colours (SGR: ESC [ ... m), which `keep_colour` allows.
std::string unsafe_bytes(const std::string& out, bool keep_colour) {
    std::string text = keep_colour ? std::regex_replace(out, std::regex("\x1b\\[[0-9;]*m"), "") : out;
    std::string unsafe;
    for (char byte : text) {
        auto c = static_cast<unsigned char>(byte);
        if ((c < 0x20 && c != '\n' && c != '\r') || c == 0x7f) unsafe += fmt::format("\\x{:02x}", c);
    }
    return unsafe;
}

}  // namespace

TEST_CASE("safety: damaged, foreign and unusable databases get one clear error and stay untouched",
          "[hardening][safety]") {
    test::Cli cli;
    auto refused = [&](const std::filesystem::path& file, const std::string& says) {
        const std::string before = test::read_file(file);
        check_refused(file, cli.run({"--db", file.string(), "--today", "2026-11-22", "review"}), before, says);
    };

    // A good collection to damage.
    auto good = cli.file("good.db");
    REQUIRE(cli.run({"--db", good.string(), "-q", "build"}).exit_code == 0);
    const std::string whole = test::read_file(good);
    REQUIRE(whole.size() > 65536);

    SECTION("truncated") {
        test::write_file(cli.file("cut.db"), whole.substr(0, whole.size() / 2));
        refused(cli.file("cut.db"), "is damaged");
    }
    SECTION("a file of zeros") {
        test::write_file(cli.file("zeros.db"), std::string(8192, '\0'));
        refused(cli.file("zeros.db"), "is not a rolecall database");
    }
    SECTION("a text file") {
        test::write_file(cli.file("notes.txt"), "Product Manager: why and what\nProduct Owner: the backlog\n");
        refused(cli.file("notes.txt"), "is not a rolecall database");
    }
    SECTION("another program's database") {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(cli.file("other.db").c_str(), &db) == SQLITE_OK);
        sqlite3_exec(db,
                     "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices VALUES (1, 9.5)",
                     nullptr, nullptr, nullptr);
        sqlite3_close(db);
        refused(cli.file("other.db"), "of another program");
    }
    SECTION("a newer rolecall's database") {
        std::filesystem::copy_file(good, cli.file("newer.db"));
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(cli.file("newer.db").c_str(), &db) == SQLITE_OK);
        sqlite3_exec(db, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 99", nullptr, nullptr, nullptr);
        sqlite3_close(db);
        refused(cli.file("newer.db"), "newer rolecall");
    }
    SECTION("a missing folder") {
        auto run = cli.run({"--db", cli.file("nowhere/c.db").string(), "--today", "2026-11-22", "review"});
        CHECK(run.exit_code == 1);
        CHECK_THAT(run.err, Catch::StartsWith("rolecall: error: the folder ") && Catch::Contains("does not exist"));
        CHECK_FALSE(std::filesystem::exists(cli.file("nowhere")));
    }
}

TEST_CASE("safety: a read-only collection is refused, untouched", "[hardening][safety]") {
    test::TempDir dir;
    test::Cli cli;
    const auto db = dir / "c.db";
    REQUIRE(cli.run({"--db", db.string(), "-q", "build"}).exit_code == 0);
    const std::string before = test::read_file(db);
    ::chmod(db.c_str(), 0444);
    ::chmod(dir.path().c_str(), 0555);
    // root writes whatever the mode says: the child then runs as nobody.
    const bool root = ::geteuid() == 0;
    Child child({"--db", db.string(), "--today", "2026-11-22", "review"}, dir / "err",
                {false, false, [root] {
                     if (root && (::setgid(65534) != 0 || ::setuid(65534) != 0)) ::_exit(126);
                 }});
    child.close_input();
    std::string out = child.rest(Child::Clock::now() + 30s);
    int code = child.exit_code();
    ::chmod(dir.path().c_str(), 0755);
    const std::string err = test::read_file(dir / "err");
    INFO(err);
    CHECK(code == 1);
    CHECK_THAT(err, Catch::StartsWith("rolecall: error: cannot write ") && Catch::Contains("check its permissions"));
    CHECK(std::count(err.begin(), err.end(), '\n') == 1);
    CHECK(out.find("--- card") == std::string::npos);
    CHECK(test::read_file(db) == before);
}

TEST_CASE("safety: a full disk fails the import whole, with one clear error", "[hardening][safety]") {
    test::TempDir dir;
    test::Cli cli;
    const auto db = dir / "c.db";
    REQUIRE(cli.run({"--db", db.string(), "-q", "build"}).exit_code == 0);
    std::string rows;
    for (int i = 0; i < 20000; ++i) rows += fmt::format("a question about item {}\tits answer {}\n", i, i);
    test::write_file(dir / "rows.tsv", rows);
    const std::string before = test::read_file(db);

    // The process may write no file past 256 KiB: the write-ahead log fills up long before the end.
    Child child({"--db", db.string(), "import", (dir / "rows.tsv").string(), "--deck", "Rows"}, dir / "err",
                {false, false, [] {
                     ::signal(SIGXFSZ, SIG_IGN);
                     rlimit limit{256 * 1024, 256 * 1024};
                     ::setrlimit(RLIMIT_FSIZE, &limit);
                 }});
    child.close_input();
    child.rest(Child::Clock::now() + 60s);
    CHECK(child.exit_code() == 1);
    const std::string err = test::read_file(dir / "err");
    CHECK_THAT(err, Catch::StartsWith("rolecall: error: cannot write ") && Catch::Contains("c.db"));
    CHECK(std::count(err.begin(), err.end(), '\n') == 1);
    CHECK(test::read_file(db) == before);
    test::Sql sql(db);
    CHECK(sql.number("SELECT count(*) FROM decks WHERE name = 'Rows'") == 0);
    test::check_collection(db);
}

TEST_CASE("safety: escape sequences in cards never reach the terminal or a script", "[hardening][safety]") {
    test::TempDir dir;
    test::Cli cli;
    const auto db = dir / "c.db";
    // Colour, cursor moves, a screen clear, an OSC 52 clipboard write, a title change, bells, C1 controls.
    test::write_file(dir / "evil.tsv",
                     "red \x1b[31mtext\x1b[0m\tclear \x1b[2J\x1b[Hhome\n"
                     "clip \x1b]52;c;aGVsbG8=\x07board\ttitle \x1b]0;pwned\x1b\\ done\n"
                     "bell \x07\x07 ring\tback\x08space \x1b"
                     "7saved\n"
                     "c1 \xc2\x9b"
                     "31m csi\tnul-free \x1b[6n query\n");
    REQUIRE(cli.run({"--db", db.string(), "-q", "import", (dir / "evil.tsv").string(), "--deck", "Evil"}).exit_code ==
            0);

    SECTION("scripted") {
        auto run = cli.run({"--db", db.string(), "--today", "2026-11-22", "review", "--deck", "Evil"},
                           "4\n4\n4\n4\n4\n4\n4\n4\n");
        REQUIRE(run.exit_code == 0);
        CHECK_THAT(run.out, Catch::Contains("red text"));
        CHECK(unsafe_bytes(run.out, false).empty());
        CHECK(run.out.find("\xc2\x9b") == std::string::npos);
    }
    SECTION("on a terminal, in colour") {
        Child child({"--db", db.string(), "--today", "2026-11-22", "review", "--deck", "Evil"}, dir / "err",
                    {true, true, {}});
        // Typed ahead, as the terminal's line discipline allows: Enter shows each answer, 4 grades it.
        for (int card = 0; card < 4; ++card) child.send("\n4\n");
        child.send("q\n");
        std::string out = child.rest(Child::Clock::now() + 20s);
        CHECK(child.exit_code() == 0);
        INFO(out);
        CHECK_THAT(out, Catch::Contains("red text"));
        CHECK(out.find("\x1b[") != std::string::npos);  // rolecall's own colours are there
        CHECK(unsafe_bytes(out, true).empty());
        CHECK(out.find("\xc2\x9b") == std::string::npos);
    }
}

TEST_CASE("safety: SIGINT, SIGTERM and SIGHUP end a session with its summary and every answer saved",
          "[hardening][safety]") {
    for (int number : {SIGINT, SIGTERM, SIGHUP}) {
        DYNAMIC_SECTION("signal " << number) {
            test::TempDir dir;
            const auto db = dir / "c.db";
            // Three first answers, with no follow-up queued by a wrong pick in between.
            REQUIRE(test::Cli().run({"--db", db.string(), "config", "set", "follow-ups", "0"}).exit_code == 0);
            Child child({"--db", db.string(), "--today", "2026-11-22", "review"}, dir / "err");
            int acknowledged = 0;
            std::string header;
            while (acknowledged < 3 && child.wait_for("--- card", Child::Clock::now() + 30s, &header)) {
                child.send(header.find("[choice") != std::string::npos ? "1 4\n" : "4\n");
                if (child.wait_for("saved:", Child::Clock::now() + 30s)) ++acknowledged;
            }
            REQUIRE(acknowledged == 3);
            REQUIRE(child.wait_for("--- card", Child::Clock::now() + 30s));  // waiting for the 4th answer
            child.signal(number);
            std::string out = child.rest(Child::Clock::now() + 30s);
            CHECK(child.exit_code() == 0);
            CHECK_THAT(out, Catch::Contains("=== session over") && Catch::Contains("answered: 3"));
            CHECK(test::read_file(dir / "err").empty());
            test::Sql sql(db);
            CHECK(sql.number("SELECT count(*) FROM reviews WHERE undone = 0") == 3);
            test::check_collection(db);
        }
    }
}

TEST_CASE("safety: upgrading an older collection says where the copy of the old file is", "[hardening][safety]") {
    test::Cli cli;
    const auto db = cli.file("old.db");
    std::filesystem::copy_file(std::filesystem::path(ROLECALL_TEST_DATA) / "schema1.db", db);
    auto run = cli.run({"--db", db.string(), "--today", "2026-11-22", "decks"});
    CHECK(run.exit_code == 0);
    CHECK_THAT(run.err, Catch::StartsWith("rolecall: upgraded ") &&
                            Catch::Contains(fmt::format("from schema 1 to {}", Storage::schema_version)) &&
                            Catch::Contains("old.db.schema1.bak"));
    CHECK(std::filesystem::exists(db.string() + ".schema1.bak"));
    // Once upgraded, nothing more is said.
    CHECK(cli.run({"--db", db.string(), "--today", "2026-11-22", "decks"}).err.empty());
}

TEST_CASE("safety: a person's first review starts with a welcome, once, and a script's never does",
          "[review][welcome]") {
    test::TempDir dir;
    const auto db = dir / "c.db";
    {
        Child child({"--db", db.string(), "--today", "2026-11-22", "review"}, dir / "err", {true, true, {}});
        child.send("q\n");
        std::string out = child.rest(Child::Clock::now() + 30s);
        CHECK_THAT(out, Catch::Contains("Welcome to rolecall.") && Catch::Contains(db.string()));
    }
    {
        Child child({"--db", db.string(), "--today", "2026-11-22", "review"}, dir / "err", {true, true, {}});
        child.send("q\n");
        CHECK_THAT(child.rest(Child::Clock::now() + 30s), !Catch::Contains("Welcome"));
    }
    test::TempDir other;
    auto run = test::Cli().run({"--db", (other / "c.db").string(), "--today", "2026-11-22", "review"}, "q\n");
    CHECK(run.exit_code == 0);
    CHECK_THAT(run.out, !Catch::Contains("Welcome"));
}
