// kubectl_complete-dsroll: kubectl (1.26+) runs it to complete `kubectl dsroll ...` arguments.
#include <exception>

#include "plugin/PluginMain.hpp"

int main(int argc, char** argv, char** envp) {
  try {
    return dsroll::plugin::runCompleter(argc, argv, envp);
  } catch (const std::exception&) {
    // A completer must not disturb the shell: no candidates, no noise.
    return 1;
  }
}
