#include "run/RunWriter.h"
#include "run/TextFile.h"

#include "data/CsvDataset.h"
#include "labs/ExportableLab.h"
#include "run/CsvWriter.h"
#include "run/NpyWriter.h"

#include <filesystem>
#include <fstream>
#include <set>
#include <system_error>

namespace fs = std::filesystem;

namespace reglab {

namespace {

std::string writeText(const std::string& path, const std::string& text)
{
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    if (!f)
        return "cannot create '" + path + "'";
    f << text;
    f.close();
    if (!f)
        return "cannot write '" + path + "' (disk full?)";
    return {};
}

std::string makeDir(const fs::path& p)
{
    std::error_code ec;
    fs::create_directories(p, ec);
    return ec ? "cannot create the folder '" + p.string() + "': " + ec.message() : std::string();
}

} // namespace

std::string RunWriter::safeFileStem(const std::string& name)
{
    std::string s = name.empty() ? std::string("tensor") : name;
    for (char& c : s) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
            || c == '_' || c == '-';
        if (!ok)
            c = '_';
    }
    if (s[0] == '.')
        s[0] = '_'; // no hidden files, no ".."
    return s;
}

std::string RunWriter::writeMetricsCsv(const std::string& path, const std::vector<MetricSpec>& metrics,
                                       const std::vector<MetricRow>& rows)
{
    std::ofstream f(path, std::ios::trunc);
    if (!f)
        return "cannot create '" + path + "'";
    CsvWriter csv(f);
    csv.writeMetricHeader(metrics);
    for (const MetricRow& r : rows)
        csv.writeMetricRow(r);
    f.close();
    if (!f)
        return "cannot write '" + path + "' (disk full?)";
    return {};
}

std::string RunWriter::writeAll(const std::string& dir, const Runner& runner, std::vector<std::string>* written)
{
    const fs::path root(dir);
    auto note = [&](const std::string& rel) {
        if (written)
            written->push_back(rel);
    };
    // Usually streamed while the run went (Runner::streamMetricsTo); else written from the
    // rows kept, which are all of them for a run of up to RowHistory::kDefaultCapacity rows.
    std::string err = runner.streamsMetrics()
        ? runner.metricsStreamError()
        : writeMetricsCsv((root / "metrics.csv").string(), runner.lab().metrics(), runner.rows());
    if (!err.empty())
        return err;
    note("metrics.csv");
    if (!(err = writeText((root / "summary.json").string(), runner.summaryJson().dump(true))).empty())
        return err;
    note("summary.json");
    std::string history;
    if (runner.keepsState())
        if (!(err = readTextFile((root / "metrics.csv").string(), "metrics", Session::kMaxFileBytes, &history)).empty())
            return "cannot keep the training state: " + err;
    if (!(err = writeText((root / "session.json").string(), runner.sessionJson(history).dump(true))).empty())
        return err;
    note("session.json");

    const auto* ex = dynamic_cast<const ExportableLab*>(&runner.lab());
    if (!ex)
        return {};
    const std::vector<NamedTensor> tensors = ex->tensors();
    if (!tensors.empty()) {
        if (!(err = makeDir(root / "model")).empty())
            return err;
        std::set<std::string> used;
        for (const NamedTensor& t : tensors) {
            std::string stem = safeFileStem(t.name);
            for (int k = 2; used.count(stem); ++k) // a lab bug must not overwrite a tensor
                stem = safeFileStem(t.name) + "_" + std::to_string(k);
            used.insert(stem);
            const std::string rel = "model/" + stem + ".npy";
            if (!(err = NpyWriter::write((root / rel).string(), t.value, t.asVector)).empty())
                return err;
            note(rel);
        }
    }
    if (const DataSplit* data = ex->data()) {
        if (!(err = makeDir(root / "data")).empty())
            return err;
        // The data module's own format, so `--set dataset=csv --set csv_path=DIR/data/train.csv`
        // reads it back.
        for (const auto& [rel, set] : {std::pair<const char*, const Dataset*>{"data/train.csv", &data->train},
                                       std::pair<const char*, const Dataset*>{"data/val.csv", &data->val}}) {
            if (!writeCsvDataset(*set, (root / rel).string(), &err))
                return err.empty() ? "cannot write '" + (root / rel).string() + "'" : err;
            note(rel);
        }
    }
    return {};
}

} // namespace reglab
