// reglab_bench: speed of RegLab's trainer on the shared/bench workloads, one JSON line per
// workload, and (--gui) the GUI's responsiveness while a lab trains at full speed.
//   reglab_bench [W1 W2 W3 W4 ...] [--threads T] [--steps N]
//   reglab_bench --gui [--seconds S] [--threads T] [--set k=v]... [--twin k=v]...
//   reglab_bench --soak [--steps N] [--seconds S] [--slack-mb M]   (exit 1 when it fails)
#include "Allocator.h"
#include "GuiLoad.h"
#include "Soak.h"
#include "Workloads.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

int main(int argc, char** argv)
{
    reglab::keepFreedMemoryForReuse();
    std::vector<std::string> workloads;
    int threads = 1, steps = 0;
    double seconds = 10, slackMb = 8;
    bool gui = false, soak = false;
    std::vector<std::pair<std::string, std::string>> sets, twin; // --gui: classify params, its twin's
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--threads" && i + 1 < argc)
            threads = std::atoi(argv[++i]);
        else if (a == "--steps" && i + 1 < argc)
            steps = std::atoi(argv[++i]);
        else if (a == "--seconds" && i + 1 < argc)
            seconds = std::atof(argv[++i]);
        else if (a == "--set" && i + 1 < argc) {
            const std::string kv = argv[++i];
            const size_t eq = kv.find('=');
            sets.emplace_back(kv.substr(0, eq), eq == std::string::npos ? "" : kv.substr(eq + 1));
        } else if (a == "--twin" && i + 1 < argc) {
            const std::string kv = argv[++i];
            const size_t eq = kv.find('=');
            twin.emplace_back(kv.substr(0, eq), eq == std::string::npos ? "" : kv.substr(eq + 1));
        } else if (a == "--gui")
            gui = true;
        else if (a == "--soak")
            soak = true;
        else if (a == "--slack-mb" && i + 1 < argc)
            slackMb = std::atof(argv[++i]);
        else if (a == "-h" || a == "--help") {
            std::puts("usage: reglab_bench [W1 W2 W3 W4] [--threads T] [--steps N]\n"
                      "       reglab_bench --gui [--seconds S] [--threads T] [--set k=v]... [--twin k=v]...\n"
                      "       reglab_bench --soak [--steps N] [--seconds S] [--slack-mb M]");
            return 0;
        } else
            workloads.push_back(a);
    }
    if (soak) {
        bool ok = false;
        std::puts(runSoak(argc, argv, steps > 0 ? steps : 1000000, seconds, slackMb, &ok).c_str());
        return ok ? 0 : 1;
    }
    if (gui) {
        std::puts(runGuiLoad(argc, argv, seconds, threads, sets, twin).c_str());
        return 0;
    }
    if (workloads.empty())
        workloads = {"W1", "W2"};
    for (const auto& w : workloads) {
        if (w == "W1")
            std::puts(runW1Playground(steps > 0 ? steps : 20000, threads).c_str());
        else if (w == "W2")
            std::puts(runW2MlpMedium(2, threads).c_str());
        else if (w == "W3")
            std::puts(runW3Gan2d(steps > 0 ? steps : 2000, threads).c_str());
        else if (w == "W4")
            std::puts(runW4Attention(steps > 0 ? steps : 2000, threads).c_str());
        else {
            std::fprintf(stderr, "reglab_bench: unknown workload '%s' (known: W1, W2, W3, W4)\n", w.c_str());
            return 2;
        }
        std::fflush(stdout);
    }
    return 0;
}
