#include "data/LabelledPoints.h"

#include "MessageText.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace reglab {

namespace {

std::string trimmed(const std::string& s)
{
    size_t a = 0, b = s.size();
    while (a < b && (s[a] == ' ' || s[a] == '\t' || s[a] == '\n' || s[a] == '\r'))
        ++a;
    while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\n' || s[b - 1] == '\r'))
        --b;
    return s.substr(a, b - a);
}

std::vector<std::string> splitOn(const std::string& s, char sep)
{
    std::vector<std::string> out;
    size_t start = 0;
    for (size_t i = 0; i <= s.size(); ++i)
        if (i == s.size() || s[i] == sep) {
            out.push_back(trimmed(s.substr(start, i - start)));
            start = i + 1;
        }
    return out;
}

bool readFloat(const std::string& s, float* out)
{
    if (s.empty())
        return false;
    const char* first = s.data() + (s[0] == '+' ? 1 : 0);
    double d = 0;
    const auto r = std::from_chars(first, s.data() + s.size(), d);
    if (r.ec != std::errc() || r.ptr != s.data() + s.size() || !std::isfinite(d) || std::fabs(d) > 1e6)
        return false;
    *out = float(d);
    return true;
}

std::string floatText(float v)
{
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, v); // shortest round-trip
    return std::string(buf, r.ptr);
}

} // namespace

std::optional<std::vector<LabelledPoint>> parseLabelledPoints(const std::string& text, std::string* error)
{
    auto fail = [&](const std::string& msg) -> std::optional<std::vector<LabelledPoint>> {
        if (error)
            *error = msg;
        return std::nullopt;
    };
    std::vector<LabelledPoint> points;
    if (trimmed(text).empty())
        return points;
    const std::vector<std::string> items = splitOn(text, ';');
    if (items.size() > size_t(kMaxLabelledPoints))
        return fail("at most " + std::to_string(kMaxLabelledPoints) + " points, got "
                    + std::to_string(items.size()));
    for (size_t i = 0; i < items.size(); ++i) {
        const std::string where = "point " + std::to_string(i + 1) + " ('" + shownValue(items[i]) + "')";
        const std::vector<std::string> f = splitOn(items[i], ',');
        if (f.size() < 3 || f.size() > 4)
            return fail(where + " must be x,y,class or x,y,class,v");
        LabelledPoint p;
        if (!readFloat(f[0], &p.x) || !readFloat(f[1], &p.y))
            return fail(where + ": x and y must be finite numbers within ±1e6");
        int label = -1;
        const auto r = std::from_chars(f[2].data(), f[2].data() + f[2].size(), label);
        if (r.ec != std::errc() || r.ptr != f[2].data() + f[2].size() || label < 0 || label >= kMaxPointClasses)
            return fail(where + ": the class must be a whole number from 0 to "
                        + std::to_string(kMaxPointClasses - 1));
        p.label = label;
        if (f.size() == 4) {
            if (f[3] != "v")
                return fail(where + ": the fourth field can only be 'v' (a validation point)");
            p.val = true;
        }
        points.push_back(p);
    }
    return points;
}

std::string formatLabelledPoints(const std::vector<LabelledPoint>& points)
{
    std::string s;
    for (size_t i = 0; i < points.size(); ++i) {
        const LabelledPoint& p = points[i];
        if (i)
            s += ';';
        s += floatText(p.x) + ',' + floatText(p.y) + ',' + std::to_string(p.label);
        if (p.val)
            s += ",v";
    }
    return s;
}

std::vector<LabelledPoint> labelledPointsOf(const DataSplit& split)
{
    std::vector<LabelledPoint> out;
    for (const Dataset* d : {&split.train, &split.val}) {
        if (d->features() != 2)
            continue;
        for (Index i = 0; i < d->size(); ++i)
            out.push_back({d->x(i, 0), d->x(i, 1), d->y[size_t(i)], d == &split.val});
    }
    return out;
}

DataSplit splitOf(const std::vector<LabelledPoint>& points, const std::string& name)
{
    DataSplit s;
    int classes = 2;
    for (const LabelledPoint& p : points)
        classes = std::max(classes, p.label + 1);
    for (bool val : {false, true}) {
        Dataset& d = val ? s.val : s.train;
        d.name = name;
        d.numClasses = classes;
        Index n = 0;
        for (const LabelledPoint& p : points)
            n += p.val == val;
        d.x.resize(n, 2);
        Index r = 0;
        for (const LabelledPoint& p : points)
            if (p.val == val) {
                d.x(r, 0) = p.x;
                d.x(r, 1) = p.y;
                d.y.push_back(p.label);
                ++r;
            }
    }
    return s;
}

std::string labelledPointsCsv(const std::vector<LabelledPoint>& points)
{
    std::string s = "x1,x2,label\n";
    for (const LabelledPoint& p : points)
        s += floatText(p.x) + ',' + floatText(p.y) + ',' + std::to_string(p.label) + '\n';
    return s;
}

} // namespace reglab
