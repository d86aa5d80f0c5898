#pragma once
// diagnose as a pure function: what to fetch for a snapshot, then the report over both.

#include <string>
#include <vector>

#include "daemon/diagnose/Finding.hpp"
#include "daemon/diagnose/Snapshot.hpp"

namespace dsroll::diagnose {

/** The nodes whose pods (and the budgets covering them) need fetching: nodes short of room. */
std::vector<std::string> nodesToInspect(const Snapshot& s,
                                        const std::vector<SchedulingEvent>& events);

/** Whether any of the DaemonSet's pods is Pending unbound (then its scheduling events help). */
bool wantsSchedulingEvents(const Snapshot& s);

/** Every check over the snapshot; notes say what could not be looked at. */
Report analyze(const Snapshot& s, const Extras& x, std::vector<std::string> notes);

/** The progress line's data, from the DaemonSet object and the snapshot. */
ProgressSummary summarize(const Snapshot& s);

}  // namespace dsroll::diagnose
