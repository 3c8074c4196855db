// Black-box tests of `rolecall sync`: collections on one machine sharing a temporary folder, as
// devices share a Syncthing folder or a git work tree. After every device has synced, all hold the
// same cards, schedules and log (compared through `export cards` and `export reviews`).
#include "cli_runner.hpp"

#include <catch2/catch.hpp>
#include <zstd.h>

#include <algorithm>
#include <fstream>

using namespace rolecall;

namespace {

struct Device {
    test::Cli cli;
    std::string folder;
    test::Run sync() { return cli.run({"sync", folder}); }
    test::Run run(const std::vector<std::string>& args, const std::string& input = "",
                  const std::vector<std::string>& env = {}) {
        return cli.run(args, input, env);
    }
};

// A deck's cards as every device must hold them: local ids left out, in a shared order.
test::json cards(Device& device) {
    auto doc = test::json::parse(device.run({"export", "cards", "--format", "json"}).out)["cards"];
    test::json out = test::json::array();
    for (auto card : doc) {
        card.erase("id");
        out.push_back(card);
    }
    std::sort(out.begin(), out.end(), [](const test::json& a, const test::json& b) { return a.dump() < b.dump(); });
    return out;
}

test::json reviews(Device& device) {
    test::json out = test::json::array();
    for (auto review : device.cli.reviews()) {
        review.erase("id");
        review.erase("card_id");
        out.push_back(review);
    }
    std::sort(out.begin(), out.end(), [](const test::json& a, const test::json& b) { return a.dump() < b.dump(); });
    return out;
}

Id card_id_by_front(Device& device, const std::string& front) {
    const auto doc = test::json::parse(device.run({"export", "cards", "--format", "json", "--deck", "w"}).out);
    for (const auto& card : doc["cards"])
        if (card["front"] == front) return card["id"].get<Id>();
    FAIL("no card " << front);
    return 0;
}

std::vector<std::filesystem::path> sync_files(const std::filesystem::path& folder) {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(folder))
        if (entry.path().extension() == ".rcsync") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace

TEST_CASE("cli sync: three devices with offline answers and an edit and a suspension converge", "[cli][sync]") {
    test::TempDir folder;
    Device a{{}, folder.path().string()};
    Device b{{}, folder.path().string()};
    Device c{{}, folder.path().string()};
    Device d{{}, folder.path().string()};
    test::write_file(a.cli.file("w.tsv"), "sol\tsun\nluna\tmoon\nmar\tsea\n");
    REQUIRE(a.run({"import", a.cli.file("w.tsv").string()}).exit_code == 0);
    REQUIRE(a.run({"--today", "2026-11-02", "review", "--deck", "w"}, "4\n4\n1\n").exit_code == 0);

    auto first = a.sync();
    REQUIRE(first.exit_code == 0);
    CHECK(first.out.find("sent: ") != std::string::npos);
    REQUIRE(b.sync().exit_code == 0);
    REQUIRE(c.sync().exit_code == 0);
    CHECK(cards(b) == cards(a));
    CHECK(reviews(b) == reviews(a));
    CHECK(cards(c) == cards(a));

    // Offline on all three, some on the same cards; an edit on one, a suspension on another.
    REQUIRE(a.run({"--today", "2026-11-04", "review", "--deck", "w"}, "5\n5\n5\n").exit_code == 0);
    REQUIRE(b.run({"--today", "2026-11-05", "review", "--deck", "w"}, "2\n4\n4\n").exit_code == 0);
    REQUIRE(c.run({"--today", "2026-11-04", "review", "--deck", "w"}, "3\n3\n3\n").exit_code == 0);
    REQUIRE(
        a.run({"edit", std::to_string(card_id_by_front(a, "sol"))}, "", {"VISUAL=sed -i s/sun/the_sun/"}).exit_code ==
        0);
    REQUIRE(b.run({"suspend", std::to_string(card_id_by_front(b, "mar"))}).exit_code == 0);

    // The three sync in every order (one run of this test each), then once more in the same order;
    // a fourth device joins from nothing at the end.
    const int order_index = GENERATE(range(0, 6));
    std::vector<Device*> order = {&a, &b, &c};
    for (int i = 0; i < order_index; ++i) std::next_permutation(order.begin(), order.end());
    INFO("order " << order_index);
    for (int round = 0; round < 2; ++round)
        for (Device* device : order) REQUIRE(device->sync().exit_code == 0);
    REQUIRE(d.sync().exit_code == 0);
    const auto expected_cards = cards(a);
    CHECK(cards(b) == expected_cards);
    CHECK(cards(c) == expected_cards);
    CHECK(cards(d) == expected_cards);
    const auto expected_reviews = reviews(a);
    CHECK(reviews(b) == expected_reviews);
    CHECK(reviews(c) == expected_reviews);
    CHECK(reviews(d) == expected_reviews);
    CHECK(expected_reviews.size() == 12);  // every answer kept

    bool edited = false;
    bool suspended = false;
    for (const auto& card : expected_cards) {
        if (card["front"] == "sol") edited = card["back"] == "the_sun";
        if (card["front"] == "mar") suspended = card["suspended"] == true;
    }
    CHECK(edited);
    CHECK(suspended);

    // Idempotent: nothing more to send or take.
    const auto again = a.sync();
    REQUIRE(again.exit_code == 0);
    CHECK(again.out.find("sent: nothing new") != std::string::npos);
    CHECK(again.out.find("received: 0 changes") != std::string::npos);
}

TEST_CASE("cli sync: the later change of one card wins and the other is kept", "[cli][sync]") {
    test::TempDir folder;
    Device a{{}, folder.path().string()};
    Device b{{}, folder.path().string()};
    test::write_file(a.cli.file("w.tsv"), "sol\tsun\nluna\tmoon\n");
    REQUIRE(a.run({"import", a.cli.file("w.tsv").string()}).exit_code == 0);
    REQUIRE(a.sync().exit_code == 0);
    REQUIRE(b.sync().exit_code == 0);
    const auto id_a = std::to_string(card_id_by_front(a, "sol"));
    const auto id_b = std::to_string(card_id_by_front(b, "sol"));
    REQUIRE(a.run({"edit", id_a}, "", {"VISUAL=sed -i s/sun/from_a/"}).exit_code == 0);
    REQUIRE(b.run({"edit", id_b}, "", {"VISUAL=sed -i s/sun/from_b/"}).exit_code == 0);  // later
    REQUIRE(a.sync().exit_code == 0);
    const auto merged = b.sync();
    REQUIRE(merged.exit_code == 0);
    CHECK(merged.out.find("kept aside: 1 change") != std::string::npos);
    REQUIRE(a.sync().exit_code == 0);
    CHECK(cards(a) == cards(b));
    CHECK(cards(a).dump().find("from_b") != std::string::npos);
}

TEST_CASE("cli sync: a file still being copied is skipped and read once whole", "[cli][sync]") {
    test::TempDir folder;
    test::TempDir elsewhere;
    Device a{{}, elsewhere.path().string()};
    Device b{{}, folder.path().string()};
    test::write_file(a.cli.file("w.tsv"), "sol\tsun\nluna\tmoon\n");
    REQUIRE(a.run({"import", a.cli.file("w.tsv").string()}).exit_code == 0);
    REQUIRE(a.sync().exit_code == 0);
    const auto whole = sync_files(elsewhere.path()).at(0);
    const std::string bytes = test::read_file(whole);
    // Half of it arrives under its final name, as a plain copy writes it; and a killed sync's
    // partial file lies beside it.
    test::write_file(folder.path() / whole.filename(), bytes.substr(0, bytes.size() / 2));
    test::write_file(folder.path() / ("." + whole.filename().string() + ".partial"), bytes.substr(0, 100));
    const auto torn = b.sync();
    REQUIRE(torn.exit_code == 0);
    CHECK(torn.err.find("is not whole yet") != std::string::npos);
    CHECK(torn.out.find("received: 0 changes from 0 files") != std::string::npos);

    test::write_file(folder.path() / whole.filename(), bytes);
    const auto later = b.sync();
    REQUIRE(later.exit_code == 0);
    CHECK(later.err.find("is not whole yet") == std::string::npos);
    CHECK(cards(b).dump().find("luna") != std::string::npos);
}

TEST_CASE("cli sync: a damaged file or one from a newer rolecall is refused and nothing is applied", "[cli][sync]") {
    test::TempDir folder;
    Device b{{}, folder.path().string()};
    REQUIRE(b.sync().exit_code == 0);
    const auto before = cards(b);

    SECTION("newer") {
        const std::string text = "rolecall-sync 99\ndevice 00000000000000aa\nsequence 1\n\nend 0 0\n";
        std::string packed(ZSTD_compressBound(text.size()), '\0');
        packed.resize(ZSTD_compress(packed.data(), packed.size(), text.data(), text.size(), 3));
        test::write_file(folder.path() / "00000000000000aa-00000001.rcsync", packed);
        const auto run = b.sync();
        CHECK(run.exit_code == 1);
        CHECK(run.err.find("00000000000000aa-00000001.rcsync was written by a newer rolecall") != std::string::npos);
    }
    SECTION("damaged") {
        test::write_file(folder.path() / "00000000000000aa-00000001.rcsync", std::string(64, 'x'));
        const auto run = b.sync();
        CHECK(run.exit_code == 1);
        CHECK(run.err.find("00000000000000aa-00000001.rcsync is damaged") != std::string::npos);
    }
    CHECK(cards(b) == before);
    CHECK(sync_files(folder.path()).size() == 1);  // the refused one; b wrote none
}

TEST_CASE("cli sync: without a folder it names the setting", "[cli][sync]") {
    test::Cli cli;
    const auto run = cli.run({"sync"});
    CHECK(run.exit_code == 2);
    CHECK(run.err.find("config set sync-dir") != std::string::npos);
    test::TempDir folder;
    REQUIRE(cli.run({"config", "set", "sync-dir", folder.path().string()}).exit_code == 0);
    test::write_file(cli.file("w.tsv"), "sol\tsun\nluna\tmoon\n");
    REQUIRE(cli.run({"import", cli.file("w.tsv").string()}).exit_code == 0);
    CHECK(cli.run({"sync"}).exit_code == 0);
    CHECK(sync_files(folder.path()).size() == 1);
}
