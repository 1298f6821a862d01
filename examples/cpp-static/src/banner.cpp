#include "banner.hpp"

std::string banner(const std::string& message) {
    const std::string edge(message.size() + 4, '#');
    return edge + "\n# " + message + " #\n" + edge + "\n";
}
