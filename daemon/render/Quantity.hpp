#pragma once
// Resource quantities ("100m", "1.5", "2Gi") the way apimachinery's resource.Quantity parses and
// prints them, for the describe text (Limits/Requests, EmptyDir SizeLimit, resourceFieldRef env
// values). Values within int64 at nano precision are exact; anything beyond that (which the API
// server never stores for pod templates) keeps its text.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dsroll::render {

/** A parsed quantity: mantissa * 10^scale, with the suffix family it was written in. */
struct Quantity {
  enum class Format { kDecimalSI, kBinarySI, kDecimalExponent };
  std::int64_t mantissa = 0;
  int scale = 0;
  Format format = Format::kDecimalSI;
  /** The text as written when apimachinery keeps it as the quantity's string form (its parser
   * caches inputs it considers canonical, "+1" and "00100" included). */
  std::string cachedText;
};

/** resource.ParseQuantity, or nothing if the text is not a quantity or is out of range. */
std::optional<Quantity> parseQuantity(std::string_view text);

/** Quantity.String(): the canonical form ("1.5" -> "1500m", "1024Mi" -> "1Gi", "1000" -> "1k").
 * Text that cannot be parsed is returned unchanged. */
std::string canonicalQuantity(std::string_view text);

/** Quantity.Value(): rounded up (away from zero) to an integer. */
std::int64_t quantityValue(const Quantity& q);

/** Quantity.MilliValue(): rounded up (away from zero) to thousandths. */
std::int64_t quantityMilliValue(const Quantity& q);

/** The sign of the quantity: -1, 0 or 1. */
int quantitySign(const Quantity& q);

}  // namespace dsroll::render
