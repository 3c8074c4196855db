// libFuzzer target: the query language of `rolecall cards`, a line as a user types it. Besides not
// crashing, the words it turns into FTS5 expressions must always be valid FTS5: a query never reaches
// SQLite as a syntax error.
#include "rolecall/base/error.hpp"
#include "rolecall/cards/card_query.hpp"

#include <sqlite3.h>

#include <cstddef>
#include <cstdint>
#include <string>

namespace {

sqlite3* index_db() {
    static sqlite3* db = [] {
        sqlite3* opened = nullptr;
        sqlite3_open(":memory:", &opened);
        sqlite3_exec(opened,
                     "CREATE VIRTUAL TABLE t USING fts5(front, back, tokenize = 'unicode61 remove_diacritics 2');"
                     "INSERT INTO t VALUES ('the product backlog', 'ordered by the Product Owner');",
                     nullptr, nullptr, nullptr);
        return opened;
    }();
    return db;
}

void check_fts(const std::string& expression) {
    if (expression.empty()) return;
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(index_db(), "SELECT rowid FROM t WHERE t MATCH ?1", -1, &stmt, nullptr) != SQLITE_OK) {
        __builtin_trap();
    }
    sqlite3_bind_text(stmt, 1, expression.data(), static_cast<int>(expression.size()), SQLITE_TRANSIENT);
    int rc = SQLITE_ROW;
    while (rc == SQLITE_ROW) rc = sqlite3_step(stmt);
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE) __builtin_trap();  // the expression was refused
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace rolecall;
    const std::string line(reinterpret_cast<const char*>(data), size);
    try {
        const CardSearch search = parse_card_query({line});
        check_fts(search.match);
        check_fts(search.exclude);
        for (const auto& deck : search.decks) deck_matches("Languages::Spanish", deck);
    } catch (const Error& e) {
        if (e.code() != ExitCode::usage) __builtin_trap();  // a query mistake is always a usage error
    }
    return 0;
}
