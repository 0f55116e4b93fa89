// A low layer that reaches up.
#include "report/render.hpp"
