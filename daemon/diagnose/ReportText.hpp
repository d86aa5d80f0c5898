#pragma once
// The report as text: a progress line, then per finding a headline, evidence lines and `fix:`
// lines with the exact commands, kubectl-like; colours only when asked for (a terminal).

#include <string>

#include "daemon/diagnose/Finding.hpp"

namespace dsroll::diagnose {

std::string renderText(const Report& report, bool color);

}  // namespace dsroll::diagnose
