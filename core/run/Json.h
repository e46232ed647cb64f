#pragma once
// A small JSON value for the files RegLab writes and reads (summary.json, session.json,
// `reglab describe`). Numbers are doubles; non-finite numbers are written as null (JSON
// has no NaN). Objects keep insertion order, so written files read in a stable order.
// Parsing is strict RFC 8259 and reports errors with line and column.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace reglab {

class Json {
public:
    enum class Type { Null, Bool, Number, String, Array, Object };
    using Member = std::pair<std::string, Json>;

    Json() = default;
    Json(std::nullptr_t) {}
    Json(bool b) : m_type(Type::Bool), m_bool(b) {}
    template <typename T, std::enable_if_t<std::is_arithmetic_v<T> && !std::is_same_v<T, bool>, int> = 0>
    Json(T v) : m_type(Type::Number), m_number(double(v)) {}
    Json(const char* s) : m_type(Type::String), m_string(s) {}
    Json(std::string s) : m_type(Type::String), m_string(std::move(s)) {}

    static Json array() { Json j; j.m_type = Type::Array; return j; }
    static Json object() { Json j; j.m_type = Type::Object; return j; }
    // An object with these members in this order; their keys must be distinct (the parser
    // checks that with a hash set, so a large object parses in linear time).
    static Json object(std::vector<Member> members)
    {
        Json j = object();
        j.m_members = std::move(members);
        return j;
    }

    // {"name": "text", ...} from name/text pairs in order (param values as text); a later
    // pair with the same name replaces the earlier one.
    static Json textObject(const std::vector<std::pair<std::string, std::string>>& pairs)
    {
        Json j = object();
        for (const auto& [name, text] : pairs)
            j.set(name, Json(text));
        return j;
    }

    Type type() const { return m_type; }
    bool isNull() const { return m_type == Type::Null; }
    bool isBool() const { return m_type == Type::Bool; }
    bool isNumber() const { return m_type == Type::Number; }
    bool isString() const { return m_type == Type::String; }
    bool isArray() const { return m_type == Type::Array; }
    bool isObject() const { return m_type == Type::Object; }
    static const char* typeName(Type t); // "null", "a number", ... for messages

    // Accessors return the value, or the fallback when the type differs.
    bool toBool(bool fallback = false) const { return isBool() ? m_bool : fallback; }
    double toNumber(double fallback = 0.0) const { return isNumber() ? m_number : fallback; }
    const std::string& toString() const; // "" unless a string

    // Arrays.
    Json& push(Json v); // turns a null into an array first
    size_t size() const; // elements of an array, members of an object, else 0
    const Json& at(size_t i) const; // null when out of range
    const std::vector<Json>& items() const { return m_items; }

    // Objects. set() replaces an existing key in place (keeps its position).
    Json& set(const std::string& key, Json v); // turns a null into an object first
    const Json* find(const std::string& key) const; // nullptr when absent or not an object
    const std::vector<Member>& members() const { return m_members; }

    bool operator==(const Json& o) const;
    bool operator!=(const Json& o) const { return !(*this == o); }

    // pretty: two-space indent and a final newline; else one line without spaces.
    std::string dump(bool pretty = true) const;
    // Shortest text that reads back to the same double ("0.1", "1e-05", "5000").
    static std::string numberText(double v);

    // nullopt on error with *error = "line L, column C: what is wrong".
    static std::optional<Json> parse(const std::string& text, std::string* error);

private:
    void dumpTo(std::string& out, bool pretty, int indent) const;

    Type m_type = Type::Null;
    bool m_bool = false;
    double m_number = 0.0;
    std::string m_string;
    std::vector<Json> m_items;
    std::vector<Member> m_members;
};

} // namespace reglab
