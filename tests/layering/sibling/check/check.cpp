// Two layers of one rank.
#include "aggregate/tables.hpp"
