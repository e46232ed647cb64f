#include "run/Json.h"
#include "MessageText.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <string>
#include <unordered_set>

namespace reglab {

namespace {

const Json& nullJson()
{
    static const Json n;
    return n;
}

void appendEscaped(std::string& out, const std::string& s)
{
    out += '"';
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20) {
                static const char* hex = "0123456789abcdef";
                out += "\\u00";
                out += hex[c >> 4];
                out += hex[c & 15];
            } else {
                out += ch; // UTF-8 passes through unchanged
            }
        }
    }
    out += '"';
}

void appendUtf8(std::string& out, uint32_t cp)
{
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xC0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += char(0xE0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    } else {
        out += char(0xF0 | (cp >> 18));
        out += char(0x80 | ((cp >> 12) & 0x3F));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    }
}

// Recursive-descent parser over the whole text; tracks the position for messages.
class Parser {
public:
    explicit Parser(const std::string& text) : m_s(text) {}

    std::optional<Json> run(std::string* error)
    {
        Json v;
        skipSpace();
        if (parseValue(v, 0)) {
            skipSpace();
            if (m_pos != m_s.size())
                fail("unexpected text after the JSON value");
        }
        if (!m_error.empty()) {
            if (error)
                *error = location() + ": " + m_error;
            return std::nullopt;
        }
        return v;
    }

private:
    static constexpr int kMaxDepth = 256; // deeper input is refused, not a stack overflow

    bool fail(const std::string& what)
    {
        if (m_error.empty())
            m_error = what;
        return false;
    }

    std::string location() const
    {
        int line = 1, col = 1;
        for (size_t i = 0; i < m_pos && i < m_s.size(); ++i) {
            if (m_s[i] == '\n') {
                ++line;
                col = 1;
            } else if ((static_cast<unsigned char>(m_s[i]) & 0xC0) != 0x80) { // count characters, not UTF-8 bytes
                ++col;
            }
        }
        return "line " + std::to_string(line) + ", column " + std::to_string(col);
    }

    bool atEnd() const { return m_pos >= m_s.size(); }
    char peek() const { return atEnd() ? '\0' : m_s[m_pos]; }

    void skipSpace()
    {
        while (!atEnd() && (m_s[m_pos] == ' ' || m_s[m_pos] == '\t' || m_s[m_pos] == '\n' || m_s[m_pos] == '\r'))
            ++m_pos;
    }

    std::string describeHere() const
    {
        if (atEnd())
            return "the end of the text";
        const char c = m_s[m_pos];
        if (static_cast<unsigned char>(c) < 0x20)
            return "a control character";
        return std::string("'") + c + "'";
    }

    bool parseValue(Json& out, int depth)
    {
        if (depth > kMaxDepth)
            return fail("nesting is deeper than " + std::to_string(kMaxDepth) + " levels");
        const char c = peek();
        if (c == '{')
            return parseObject(out, depth);
        if (c == '[')
            return parseArray(out, depth);
        if (c == '"') {
            std::string s;
            if (!parseString(s))
                return false;
            out = Json(std::move(s));
            return true;
        }
        if (c == '-' || (c >= '0' && c <= '9'))
            return parseNumber(out);
        if (matchWord("true")) {
            out = Json(true);
            return true;
        }
        if (matchWord("false")) {
            out = Json(false);
            return true;
        }
        if (matchWord("null")) {
            out = Json();
            return true;
        }
        if (atEnd())
            return fail("expected a value but the text ended");
        return fail("expected a value, found " + describeHere());
    }

    bool matchWord(const char* w)
    {
        const size_t n = std::strlen(w);
        if (m_s.compare(m_pos, n, w) != 0)
            return false;
        m_pos += n;
        return true;
    }

    bool parseObject(Json& out, int depth)
    {
        out = Json::object();
        ++m_pos; // '{'
        skipSpace();
        if (peek() == '}') {
            ++m_pos;
            return true;
        }
        std::vector<Json::Member> members;
        std::unordered_set<std::string> keys;
        for (;;) {
            skipSpace();
            if (peek() != '"')
                return fail("expected a key in double quotes, found " + describeHere());
            const size_t keyPos = m_pos;
            std::string key;
            if (!parseString(key))
                return false;
            if (!keys.insert(key).second) {
                m_pos = keyPos;
                return fail("duplicate key \"" + shownValue(key) + "\"");
            }
            skipSpace();
            if (peek() != ':')
                return fail("expected ':' after the key, found " + describeHere());
            ++m_pos;
            skipSpace();
            Json v;
            if (!parseValue(v, depth + 1))
                return false;
            members.emplace_back(std::move(key), std::move(v));
            skipSpace();
            if (peek() == ',') {
                ++m_pos;
                continue;
            }
            if (peek() == '}') {
                ++m_pos;
                out = Json::object(std::move(members));
                return true;
            }
            return fail("expected ',' or '}' in an object, found " + describeHere());
        }
    }

    bool parseArray(Json& out, int depth)
    {
        out = Json::array();
        ++m_pos; // '['
        skipSpace();
        if (peek() == ']') {
            ++m_pos;
            return true;
        }
        for (;;) {
            skipSpace();
            Json v;
            if (!parseValue(v, depth + 1))
                return false;
            out.push(std::move(v));
            skipSpace();
            if (peek() == ',') {
                ++m_pos;
                continue;
            }
            if (peek() == ']') {
                ++m_pos;
                return true;
            }
            return fail("expected ',' or ']' in an array, found " + describeHere());
        }
    }

    bool hex4(uint32_t* v)
    {
        *v = 0;
        for (int i = 0; i < 4; ++i) {
            const char c = peek();
            uint32_t d;
            if (c >= '0' && c <= '9')
                d = uint32_t(c - '0');
            else if (c >= 'a' && c <= 'f')
                d = uint32_t(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F')
                d = uint32_t(c - 'A' + 10);
            else
                return fail("expected four hex digits after \\u");
            *v = *v * 16 + d;
            ++m_pos;
        }
        return true;
    }

    bool parseString(std::string& out)
    {
        ++m_pos; // opening quote
        for (;;) {
            if (atEnd())
                return fail("a string is not closed (missing '\"')");
            const char c = m_s[m_pos];
            if (c == '"') {
                ++m_pos;
                return true;
            }
            if (static_cast<unsigned char>(c) < 0x20)
                return fail("a control character inside a string must be escaped");
            if (c != '\\') {
                out += c;
                ++m_pos;
                continue;
            }
            ++m_pos;
            const char e = peek();
            ++m_pos;
            switch (e) {
            case '"': out += '"'; break;
            case '\\': out += '\\'; break;
            case '/': out += '/'; break;
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case 't': out += '\t'; break;
            case 'u': {
                uint32_t cp;
                if (!hex4(&cp))
                    return false;
                if (cp >= 0xD800 && cp <= 0xDBFF) { // high surrogate: a low one must follow
                    uint32_t lo;
                    if (!matchWord("\\u") || !hex4(&lo) || lo < 0xDC00 || lo > 0xDFFF)
                        return fail("a \\u surrogate pair is incomplete");
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                    return fail("a \\u low surrogate has no high surrogate before it");
                }
                appendUtf8(out, cp);
                break;
            }
            default:
                m_pos -= 2; // point at the backslash
                return fail("unknown escape sequence in a string");
            }
        }
    }

    bool parseNumber(Json& out)
    {
        // Check the JSON grammar first (from_chars alone would accept "01" or "1.").
        const size_t start = m_pos;
        size_t p = m_pos;
        auto digit = [&](size_t i) { return i < m_s.size() && m_s[i] >= '0' && m_s[i] <= '9'; };
        if (m_s[p] == '-')
            ++p;
        if (!digit(p))
            return fail("a number needs a digit after '-'");
        if (m_s[p] == '0') {
            ++p;
            if (digit(p)) {
                m_pos = p;
                return fail("a number must not have leading zeros");
            }
        } else {
            while (digit(p))
                ++p;
        }
        if (p < m_s.size() && m_s[p] == '.') {
            ++p;
            if (!digit(p)) {
                m_pos = p;
                return fail("a number needs digits after the decimal point");
            }
            while (digit(p))
                ++p;
        }
        if (p < m_s.size() && (m_s[p] == 'e' || m_s[p] == 'E')) {
            ++p;
            if (p < m_s.size() && (m_s[p] == '+' || m_s[p] == '-'))
                ++p;
            if (!digit(p)) {
                m_pos = p;
                return fail("a number needs digits in its exponent");
            }
            while (digit(p))
                ++p;
        }
        double v = 0.0;
        // from_chars: locale-independent (Qt sets the C locale from the environment).
        const auto r = std::from_chars(m_s.data() + start, m_s.data() + p, v);
        if (r.ec == std::errc::result_out_of_range) {
            return fail("the number " + m_s.substr(start, p - start) + " is out of range");
        }
        if (r.ec != std::errc() || r.ptr != m_s.data() + p)
            return fail("malformed number");
        m_pos = p;
        out = Json(v);
        return true;
    }

    const std::string& m_s;
    size_t m_pos = 0;
    std::string m_error;
};

} // namespace

const char* Json::typeName(Type t)
{
    switch (t) {
    case Type::Null: return "null";
    case Type::Bool: return "true or false";
    case Type::Number: return "a number";
    case Type::String: return "a string";
    case Type::Array: return "an array";
    case Type::Object: return "an object";
    }
    return "?";
}

const std::string& Json::toString() const
{
    static const std::string empty;
    return isString() ? m_string : empty;
}

Json& Json::push(Json v)
{
    if (m_type == Type::Null)
        m_type = Type::Array;
    m_items.push_back(std::move(v));
    return m_items.back();
}

size_t Json::size() const
{
    if (isArray())
        return m_items.size();
    if (isObject())
        return m_members.size();
    return 0;
}

const Json& Json::at(size_t i) const { return i < m_items.size() ? m_items[i] : nullJson(); }

Json& Json::set(const std::string& key, Json v)
{
    if (m_type == Type::Null)
        m_type = Type::Object;
    for (auto& m : m_members)
        if (m.first == key) {
            m.second = std::move(v);
            return m.second;
        }
    m_members.emplace_back(key, std::move(v));
    return m_members.back().second;
}

const Json* Json::find(const std::string& key) const
{
    for (const auto& m : m_members)
        if (m.first == key)
            return &m.second;
    return nullptr;
}

bool Json::operator==(const Json& o) const
{
    if (m_type != o.m_type)
        return false;
    switch (m_type) {
    case Type::Null: return true;
    case Type::Bool: return m_bool == o.m_bool;
    case Type::Number: return m_number == o.m_number;
    case Type::String: return m_string == o.m_string;
    case Type::Array: return m_items == o.m_items;
    case Type::Object: return m_members == o.m_members;
    }
    return false;
}

std::string Json::numberText(double v)
{
    if (!std::isfinite(v))
        return "null";
    if (v == 0.0)
        return "0"; // also for -0.0, which JSON readers disagree on
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v); // shortest round-trip form
    return std::string(buf, r.ptr);
}

std::string Json::dump(bool pretty) const
{
    std::string out;
    dumpTo(out, pretty, 0);
    if (pretty)
        out += '\n';
    return out;
}

void Json::dumpTo(std::string& out, bool pretty, int indent) const
{
    auto newline = [&](int level) {
        if (!pretty)
            return;
        out += '\n';
        out.append(size_t(level) * 2, ' ');
    };
    switch (m_type) {
    case Type::Null: out += "null"; return;
    case Type::Bool: out += m_bool ? "true" : "false"; return;
    case Type::Number: out += numberText(m_number); return;
    case Type::String: appendEscaped(out, m_string); return;
    case Type::Array:
        if (m_items.empty()) {
            out += "[]";
            return;
        }
        out += '[';
        for (size_t i = 0; i < m_items.size(); ++i) {
            if (i)
                out += ',';
            newline(indent + 1);
            m_items[i].dumpTo(out, pretty, indent + 1);
        }
        newline(indent);
        out += ']';
        return;
    case Type::Object:
        if (m_members.empty()) {
            out += "{}";
            return;
        }
        out += '{';
        for (size_t i = 0; i < m_members.size(); ++i) {
            if (i)
                out += ',';
            newline(indent + 1);
            appendEscaped(out, m_members[i].first);
            out += pretty ? ": " : ":";
            m_members[i].second.dumpTo(out, pretty, indent + 1);
        }
        newline(indent);
        out += '}';
        return;
    }
}

std::optional<Json> Json::parse(const std::string& text, std::string* error)
{
    return Parser(text).run(error);
}

} // namespace reglab
