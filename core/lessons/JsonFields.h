#pragma once
// Small helpers for reading strict JSON files (lessons, claims): every error is one
// sentence that says where, and unknown keys are refused so a typo does not go unnoticed.
#include "run/Json.h"

#include <initializer_list>
#include <string>

namespace reglab {

// Sets *error and returns false, so a check reads `return jsonFail(error, "...")`.
bool jsonFail(std::string* error, const std::string& message);
// False when j has a key outside `allowed`.
bool onlyKeys(const Json& j, std::initializer_list<const char*> allowed, const std::string& where, std::string* error);
// Reads a string member; absent is an error only when required (then *out is unchanged).
bool stringField(const Json& j, const char* key, bool required, std::string* out, const std::string& where,
                 std::string* error);

} // namespace reglab
