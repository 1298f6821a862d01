// report: the sentence the program prints, apart from main for the test.
#pragma once
#include <string>

std::string report(const std::string& compiler_version);
