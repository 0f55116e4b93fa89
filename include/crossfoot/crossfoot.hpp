// crossfoot/crossfoot.hpp: the whole public API.
// SPDX-License-Identifier: MIT
#pragma once

#include <crossfoot/aggregate.hpp>
#include <crossfoot/amount.hpp>
#include <crossfoot/check.hpp>
#include <crossfoot/csv_ranges.hpp>
#include <crossfoot/currency.hpp>
#include <crossfoot/decimal.hpp>
#include <crossfoot/diagnostic.hpp>
#include <crossfoot/extract.hpp>
#include <crossfoot/figure.hpp>
#include <crossfoot/parse_error.hpp>
#include <crossfoot/rates.hpp>
#include <crossfoot/report.hpp>
#include <crossfoot/rounding.hpp>
#include <crossfoot/sum.hpp>
#include <crossfoot/written.hpp>
