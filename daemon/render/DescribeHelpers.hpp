#pragma once
// Shared pieces of the pod template describer: reading the decoded JSON the way kubectl's typed
// structs see it (a missing field is the zero value), Go's %v text of the values kubectl prints
// with it, and the multi-line label, annotation and toleration printers.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "daemon/render/PrefixWriter.hpp"

namespace dsroll::render::describe {

using Json = nlohmann::json;

// describe.go's indentation levels.
inline constexpr int kLevel0 = 0;
inline constexpr int kLevel1 = 1;
inline constexpr int kLevel2 = 2;
inline constexpr int kLevel3 = 3;

/** The member, or nullptr when absent, null or `object` is not an object. */
const Json* member(const Json& object, std::string_view key);
/** A string member ("" when absent). Non-string values are given as their JSON text. */
std::string str(const Json& object, std::string_view key);
/** An integer member (0 when absent). */
std::int64_t integer(const Json& object, std::string_view key);
/** A boolean member (false when absent). */
bool boolean(const Json& object, std::string_view key);
/** An array member (empty when absent). */
const Json& array(const Json& object, std::string_view key);
/** The text of a JSON string value, or its JSON text. */
std::string text(const Json& value);

/** %v of a bool: "true"/"false". */
std::string goBool(bool value);
/** %v of a []string: "[a b c]". */
std::string goStrings(const Json& values);
/** %v of a map[string]string: "map[a:1 b:2]" (keys sorted). */
std::string goStringMap(const Json* values);
/** %v of a *LocalObjectReference: "&LocalObjectReference{Name:x,}" or "nil". */
std::string goLocalObjectReference(const Json* ref);
/** IntOrString.String(): the number or the string. */
std::string intOrString(const Json* value);

/** The sorted keys of an object member (empty when absent). */
std::vector<std::string> sortedKeys(const Json* object);

/** printLabelsMultiline: "Title:\tk=v\n" with continuation lines starting with "\t". */
void printLabelsMultiline(PrefixWriter& w, std::string_view title, const Json* labels);

/** printAnnotationsMultiline: like labels but "k: v", skipping last-applied-configuration and
 * splitting long (over 140 bytes) or multi-line values, each line shortened with "...". */
void printAnnotationsMultiline(PrefixWriter& w, std::string_view title, const Json* annotations);

/** printPodTolerationsMultiline: "key=value:Effect op=Exists for 300s" sorted by key. */
void printTolerationsMultiline(PrefixWriter& w, std::string_view title, const Json& tolerations);

/** metav1.FormatLabelSelector: "a=b,c in (d,e),!f", "<none>" for an empty selector,
 * "<error>" for an invalid one. */
std::string formatLabelSelector(const Json* selector);

}  // namespace dsroll::render::describe
