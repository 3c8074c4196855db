// Inside the storage module only: a column read as a JSON value and a JSON value bound as a
// parameter, so sync carries rows column for column without a C++ type per table.
#pragma once

#include "storage_internal.hpp"

#include <nlohmann/json.hpp>

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace rolecall::sync_store {

inline nlohmann::json column_json(const Query& row, int column) {
    switch (row.type(column)) {
        case SQLITE_NULL: return nullptr;
        case SQLITE_INTEGER: return row.int64(column);
        case SQLITE_FLOAT: return row.real(column);
        default: return row.text(column);
    }
}

// Columns `first`..`first + count - 1` as one array.
inline nlohmann::json columns_json(const Query& row, int first, int count) {
    nlohmann::json values = nlohmann::json::array();
    for (int c = first; c < first + count; ++c) values.push_back(column_json(row, c));
    return values;
}

inline void bind_json(Query& query, int index, const nlohmann::json& value) {
    if (value.is_null()) {
        query.bind_null(index);
    } else if (value.is_number_integer()) {
        query.bind(index, value.get<std::int64_t>());
    } else if (value.is_number()) {
        query.bind(index, value.get<double>());
    } else if (value.is_boolean()) {
        query.bind(index, value.get<bool>());
    } else if (value.is_string()) {
        query.bind(index, value.get_ref<const std::string&>());
    } else {
        throw Error("a sync file holds a value of an unknown type; the file is damaged");
    }
}

// Binds `values[i]` to parameter first + i, for `count` values (missing ones as NULL).
inline void bind_json_array(Query& query, int first, const nlohmann::json& values, int count) {
    for (int i = 0; i < count; ++i) {
        const auto at = static_cast<std::size_t>(i);
        bind_json(query, first + i, values.is_array() && at < values.size() ? values[at] : nlohmann::json());
    }
}

inline constexpr char key_separator = '\x1f';

inline std::string join_key(std::initializer_list<std::string_view> parts) {
    std::string key;
    bool first = true;
    for (auto part : parts) {
        if (!first) key += key_separator;
        key += part;
        first = false;
    }
    return key;
}

inline std::vector<std::string> split_key(const std::string& key) {
    std::vector<std::string> parts(1);
    for (char c : key) {
        if (c == key_separator) {
            parts.emplace_back();
        } else {
            parts.back() += c;
        }
    }
    return parts;
}

}  // namespace rolecall::sync_store
