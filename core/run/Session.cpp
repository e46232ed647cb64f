#include "run/Session.h"
#include "MessageText.h"

#include "run/AtomicFile.h"
#include "run/Base64.h"
#include "run/TextFile.h"

#include <cmath>
#include <filesystem>

namespace reglab {

namespace {

// A JSON number that is a whole number in [lo, hi].
bool wholeNumber(const Json* j, double lo, double hi, double* out)
{
    if (!j || !j->isNumber())
        return false;
    const double v = j->toNumber();
    if (v != std::floor(v) || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

} // namespace

std::vector<std::pair<std::string, std::string>> Session::paramTexts(const Lab& lab)
{
    std::vector<std::pair<std::string, std::string>> out;
    for (const ParamSpec& s : lab.params())
        out.emplace_back(s.id, s.toText(lab.value(s.id)));
    return out;
}

Json Session::toJson() const
{
    Json j = Json::object();
    j.set("format", "reglab-session");
    j.set("version", kFormatVersion);
    j.set("lab", lab);
    j.set("seed", seed);
    j.set("steps", steps);
    j.set("params", Json::textObject(params));
    Json ev = Json::array();
    for (const ParamEvent& e : events) {
        Json o = Json::object();
        o.set("step", e.step);
        o.set("param", e.param);
        o.set("old", e.oldValue);
        o.set("new", e.newValue);
        o.set("label", e.label);
        if (e.byLab)
            o.set("by_lab", true); // the lab's own switch: replayed by the lab, not by the schedule
        ev.push(std::move(o));
    }
    j.set("events", std::move(ev));
    if (!twin.empty() || !twinAt.empty()) {
        Json t = Json::object();
        t.set("params", Json::textObject(twin));
        Json at = Json::array();
        for (const ParamChange& c : twinAt) {
            Json o = Json::object();
            o.set("step", c.step);
            o.set("param", c.param);
            o.set("value", c.value);
            at.push(std::move(o));
        }
        t.set("at", std::move(at));
        j.set("twin", std::move(t));
    }
    if (!lesson.empty())
        j.set("lesson", lesson);
    if (!files.empty()) {
        Json fs = Json::array();
        for (const EmbeddedFile& f : files)
            fs.push(Json::textObject({{"param", f.param}, {"name", f.name}, {"text", f.text}}));
        j.set("files", std::move(fs));
    }
    if (hasState()) {
        Json st = Json::object();
        st.set("main", toBase64(stateMain));
        if (!stateTwin.empty())
            st.set("twin", toBase64(stateTwin));
        st.set("metrics", history);
        j.set("state", std::move(st));
    }
    return j;
}

std::string Session::save(const std::string& path) const
{
    return AtomicFile::write(path, toJson().dump(true));
}

std::optional<Session> Session::fromJson(const Json& j, const LabFactory& factory, std::string* error)
{
    auto fail = [&](const std::string& msg) -> std::optional<Session> {
        if (error)
            *error = msg;
        return std::nullopt;
    };
    if (!j.isObject())
        return fail("a session must be a JSON object");
    if (const Json* f = j.find("format"); f && f->toString() != "reglab-session")
        return fail("this is not a RegLab session (\"format\" is not \"reglab-session\")");

    double version = 0;
    if (!wholeNumber(j.find("version"), 1, 1e9, &version))
        return fail("the session has no valid \"version\" (a whole number >= 1)");
    if (version > kFormatVersion)
        return fail("the session has format version " + Json::numberText(version)
                    + ", newer than this RegLab reads (" + std::to_string(kFormatVersion) + "); update RegLab");

    Session s;
    const Json* labJ = j.find("lab");
    if (!labJ || !labJ->isString() || labJ->toString().empty())
        return fail("the session names no lab (\"lab\" must be a lab id)");
    s.lab = labJ->toString();
    const std::unique_ptr<Lab> lab = factory ? factory(s.lab) : nullptr;
    if (!lab)
        return fail("the session is for an unknown lab '" + shownValue(s.lab) + "' (see: reglab list)");

    double seed = 0;
    if (!wholeNumber(j.find("seed"), 0, double(RunPlan::kMaxSeed), &seed))
        return fail("the session's \"seed\" must be a whole number in [0, 2^53]");
    s.seed = uint64_t(seed);
    double steps = 0;
    if (!wholeNumber(j.find("steps"), 0, 9e15, &steps))
        return fail("the session's \"steps\" must be a whole number >= 0");
    s.steps = int64_t(steps);

    // Every param of the lab, in its order: the file's value, or the default when absent.
    const Json* paramsJ = j.find("params");
    if (paramsJ && !paramsJ->isObject())
        return fail("the session's \"params\" must be an object of name: value");
    if (paramsJ) {
        for (const auto& [id, v] : paramsJ->members()) {
            const ParamSpec* spec = lab->findParam(id);
            if (!spec)
                return fail("the session sets an unknown parameter '" + shownValue(id) + "' of lab '" + s.lab + "'");
            if (!v.isString())
                return fail("the session's value of '" + id + "' must be text, e.g. \""
                            + spec->toText(spec->defaultValue) + "\"");
            std::string err;
            if (!spec->parse(v.toString(), &err))
                return fail("the session's value of " + err);
        }
    }
    for (const ParamSpec& spec : lab->params()) {
        const Json* v = paramsJ ? paramsJ->find(spec.id) : nullptr;
        s.params.emplace_back(spec.id, v ? v->toString() : spec.toText(spec.defaultValue));
    }

    const Json* eventsJ = j.find("events");
    if (eventsJ && !eventsJ->isArray())
        return fail("the session's \"events\" must be an array");
    int64_t lastStep = 0;
    for (size_t i = 0; eventsJ && i < eventsJ->size(); ++i) {
        const Json& e = eventsJ->at(i);
        const std::string where = "event " + std::to_string(i + 1) + " of the session";
        if (!e.isObject())
            return fail(where + " is not an object");
        ParamEvent ev;
        double step = 0;
        if (!wholeNumber(e.find("step"), 0, 9e15, &step))
            return fail(where + " has no valid \"step\" (a whole number >= 0)");
        ev.step = int64_t(step);
        if (ev.step >= s.steps)
            return fail(where + " is at step " + std::to_string(ev.step) + ", not before the session's end (step "
                        + std::to_string(s.steps) + ")");
        if (ev.step < lastStep)
            return fail(where + " is out of order (events must be sorted by step)");
        lastStep = ev.step;
        const Json* paramJ = e.find("param");
        ev.param = paramJ ? paramJ->toString() : std::string();
        const ParamSpec* spec = lab->findParam(ev.param);
        if (!spec)
            return fail(where + " changes an unknown parameter '" + shownValue(ev.param) + "' of lab '" + s.lab + "'");
        if (!spec->live)
            return fail(where + " changes '" + ev.param + "', which cannot change during a run");
        const Json* newJ = e.find("new");
        if (!newJ || !newJ->isString())
            return fail(where + " has no \"new\" value (text)");
        std::string err;
        if (!spec->parse(newJ->toString(), &err))
            return fail(where + ": " + err);
        ev.newValue = newJ->toString();
        if (const Json* oldJ = e.find("old"))
            ev.oldValue = oldJ->toString();
        if (const Json* labelJ = e.find("label"))
            ev.label = labelJ->toString();
        if (const Json* byLabJ = e.find("by_lab")) {
            if (!byLabJ->isBool())
                return fail(where + " has a \"by_lab\" that is not true or false");
            ev.byLab = byLabJ->toBool();
        }
        s.events.push_back(std::move(ev));
    }

    // The twin: {"params": {name: value}, "at": [{step, param, value}]} (a run's
    // session.json adds the twin's own "session", which replaying does not need).
    if (const Json* twinJ = j.find("twin")) {
        const Json* paramsT = twinJ->isObject() ? twinJ->find("params") : nullptr;
        if (!paramsT || !paramsT->isObject())
            return fail("the session's \"twin\" must be an object with \"params\" (name: value)");
        for (const auto& [id, v] : paramsT->members()) {
            const ParamSpec* spec = lab->findParam(id);
            if (!spec)
                return fail("the session's twin sets an unknown parameter '" + shownValue(id) + "'");
            std::string err;
            if (!v.isString() || !spec->parse(v.toString(), &err))
                return fail("the session's twin value of " + (err.empty() ? "'" + id + "' must be text" : err));
            s.twin.emplace_back(id, v.toString());
        }
        const Json* atJ = twinJ->find("at");
        if (atJ && !atJ->isArray())
            return fail("the session's twin \"at\" must be an array");
        for (size_t i = 0; atJ && i < atJ->size(); ++i) {
            const Json& c = atJ->at(i);
            const std::string where = "twin change " + std::to_string(i + 1) + " of the session";
            double step = 0;
            const Json* param = c.find("param");
            const Json* value = c.find("value");
            if (!wholeNumber(c.find("step"), 0, double(s.steps), &step) || !param || !param->isString() || !value
                || !value->isString())
                return fail(where + " needs \"step\" (within the run), \"param\" and \"value\"");
            const ParamSpec* spec = lab->findParam(param->toString());
            std::string err;
            if (!spec || !spec->live || !spec->parse(value->toString(), &err))
                return fail(where + " does not set a live parameter to an allowed value"
                            + (err.empty() ? std::string() : ": " + err));
            s.twinAt.push_back({int64_t(step), param->toString(), value->toString()});
        }
    }
    if (const Json* lessonJ = j.find("lesson")) {
        if (!lessonJ->isString() || lessonJ->toString().size() > 64)
            return fail("the session's \"lesson\" must be a lesson id such as \"L1\"");
        s.lesson = lessonJ->toString();
    }
    if (const Json* filesJ = j.find("files")) {
        if (!filesJ->isArray())
            return fail("the session's \"files\" must be an array");
        for (size_t i = 0; i < filesJ->size(); ++i) {
            const Json& f = filesJ->at(i);
            const std::string where = "file " + std::to_string(i + 1) + " of the session";
            const Json* param = f.find("param");
            const Json* name = f.find("name");
            const Json* text = f.find("text");
            if (!param || !name || !text || !param->isString() || !name->isString() || !text->isString())
                return fail(where + " needs \"param\", \"name\" and \"text\" (text)");
            const ParamSpec* spec = lab->findParam(param->toString());
            if (!spec || spec->type != ParamType::Path)
                return fail(where + " is for '" + shownValue(param->toString()) + "', which is not a file parameter");
            const std::string& n = name->toString();
            if (n.empty() || n.size() > 120 || n == "." || n == ".." || n.find_first_of("/\\:") != std::string::npos
                || n[0] == '.')
                return fail(where + " has the name '" + shownValue(n) + "'; a plain file name is needed");
            if (text->toString().size() > kMaxFileBytes)
                return fail(where + " is larger than " + std::to_string(kMaxFileBytes >> 20) + " MB");
            s.files.push_back({param->toString(), n, text->toString()});
        }
    }
    // The state's bytes are checked against the lab when it is put back (RunSetup).
    if (const Json* stateJ = j.find("state")) {
        const Json* mainJ = stateJ->isObject() ? stateJ->find("main") : nullptr;
        const Json* twinJ = stateJ->isObject() ? stateJ->find("twin") : nullptr;
        const Json* metricsJ = stateJ->isObject() ? stateJ->find("metrics") : nullptr;
        if (!mainJ || !mainJ->isString() || !metricsJ || !metricsJ->isString() || (twinJ && !twinJ->isString()))
            return fail("the session's \"state\" needs \"main\" (base64) and \"metrics\" (text)");
        const auto main = fromBase64(mainJ->toString());
        const auto twinState = twinJ ? fromBase64(twinJ->toString()) : std::optional<std::string>("");
        if (!main || main->empty() || !twinState)
            return fail("the session's saved training state is not valid base64");
        if (twinState->empty() == (!s.twin.empty() || !s.twinAt.empty()))
            return fail("the session's saved training state does not match its twin");
        s.stateMain = *main;
        s.stateTwin = *twinState;
        s.history = metricsJ->toString();
    }
    return s;
}

std::optional<Session> Session::parse(const std::string& text, const LabFactory& factory, std::string* error)
{
    std::string err;
    const auto j = Json::parse(text, &err);
    if (!j) {
        if (error)
            *error = "the session is not valid JSON: " + err;
        return std::nullopt;
    }
    return fromJson(*j, factory, error);
}

std::optional<Session> Session::load(const std::string& path, const LabFactory& factory, std::string* error)
{
    std::string text;
    if (std::string err = readTextFile(path, "session", kMaxBytes, &text); !err.empty()) {
        if (error)
            *error = err;
        return std::nullopt;
    }
    std::string err;
    auto s = parse(text, factory, &err);
    if (!s && error)
        *error = "'" + shownValue(path, 200) + "': " + err;
    return s;
}

RunPlan Session::toPlan() const
{
    RunPlan p;
    p.lab = lab;
    p.seed = seed;
    p.steps = steps;
    p.sets = params;
    for (const ParamEvent& e : events)
        if (!e.byLab) // the lab makes its own changes again at their steps
            p.changes.push_back({e.step, e.param, e.newValue});
    p.twinSets = twin;
    p.twinChanges = twinAt;
    return p;
}

std::string Session::embedFiles(const Lab& lab)
{
    files.clear();
    for (const auto& [id, value] : params) {
        const ParamSpec* spec = lab.findParam(id);
        if (!spec || spec->type != ParamType::Path || value.empty())
            continue;
        std::string text;
        if (std::string err = readTextFile(value, "data", kMaxFileBytes, &text); !err.empty())
            return "cannot keep the file of '" + id + "' in the session: " + err;
        files.push_back({id, std::filesystem::path(value).filename().string(), std::move(text)});
    }
    return {};
}

std::string Session::restoreFiles(const std::string& dir)
{
    for (const EmbeddedFile& f : files)
        for (auto& [id, value] : params) {
            if (id != f.param)
                continue;
            std::string onDisk;
            if (!value.empty() && readTextFile(value, "data", kMaxFileBytes, &onDisk).empty() && onDisk == f.text)
                continue; // the file is where the session says, unchanged
            std::error_code ec;
            std::filesystem::create_directories(dir, ec);
            const std::string path = (std::filesystem::path(dir) / f.name).string();
            if (std::string err = AtomicFile::write(path, f.text); !err.empty())
                return "cannot write the session's copy of '" + f.name + "': " + err;
            value = path;
        }
    return {};
}

} // namespace reglab
