#include "core/value.hpp"
