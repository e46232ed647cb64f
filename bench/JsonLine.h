#pragma once
// One flat JSON object on one line, for the benchmark's output.
#include <cstdio>
#include <string>

class JsonLine {
public:
    JsonLine& add(const std::string& key, const std::string& v) { return raw(key, "\"" + v + "\""); }
    JsonLine& add(const std::string& key, const char* v) { return add(key, std::string(v)); }
    JsonLine& add(const std::string& key, int v) { return raw(key, std::to_string(v)); }
    JsonLine& add(const std::string& key, double v)
    {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.9g", v);
        return raw(key, buf);
    }
    std::string str() const { return "{" + m_body + "}"; }

private:
    JsonLine& raw(const std::string& key, const std::string& v)
    {
        m_body += (m_body.empty() ? "\"" : ", \"") + key + "\": " + v;
        return *this;
    }
    std::string m_body;
};
