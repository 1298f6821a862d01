// banner: frames a message in a box of '#', the one piece of logic the
// program has, kept apart from main so the test can call it.
#pragma once
#include <string>

std::string banner(const std::string& message);
