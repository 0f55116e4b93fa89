// A file outside every folder.
#include <crossfoot/decimal.hpp>
