// python/module/aggregates.cpp: ledgers aggregated into exact partials, which merge, travel as
// JSON and pickle; and the steps that cut one file into ranges for many workers.
// SPDX-License-Identifier: MIT
#include "bindings.hpp"
#include "errors.hpp"
#include "str_buffer.hpp"
#include "values.hpp"

#include <crossfoot/aggregate.hpp>
#include <crossfoot/csv_ranges.hpp>

#include <pybind11/functional.h>
#include <pybind11/stl.h>

#include <exception>
#include <ostream>
#include <string>
#include <tuple>
#include <vector>

namespace crossfoot::python {

namespace {

// The keyword arguments every aggregation takes, read into the library's options.
struct aggregation_settings {
    aggregate_options options;
    std::shared_ptr<const rate_table> rates;
    unsigned threads = 1;
    py::object rejects;  // a callable, or None
};

// A threads= keyword: at least 1.
unsigned threads_from(long long threads) {
    if (threads < 1) throw py::value_error("threads must be at least 1");
    return static_cast<unsigned>(threads);
}

aggregation_settings settings_from(const py::kwargs& kw) {
    static const std::vector<std::string> known{"by",          "amount",       "currency",      "date",
                                                "default_currency", "to",      "at",            "rounding",
                                                "policy",      "max_age_days", "window_days",   "digits",
                                                "rates",       "threads",      "rejects",       "max_record_bytes",
                                                "memory_limit", "spill_dir"};
    for (const auto& [key, value] : kw) {
        const auto name = py::str(key).cast<std::string>();
        if (std::ranges::find(known, name) == known.end())
            throw py::type_error("aggregate: unexpected keyword argument '" + name + "'");
    }
    const auto get = [&](const char* name) -> py::object {
        return kw.contains(name) ? py::reinterpret_borrow<py::object>(kw[name]) : py::none();
    };
    aggregation_settings s;
    aggregate_options& o = s.options;
    if (const py::object by = get("by"); !by.is_none()) {
        if (py::isinstance<py::str>(by)) o.group_by.push_back(by.cast<std::string>());
        else o.group_by = argument<std::vector<std::string>>(by, "by", "a column name or a list of column names");
    }
    const auto text = [&](const char* name) { return argument<std::string>(get(name), name, "a str"); };
    if (!get("amount").is_none()) o.amount_column = text("amount");
    if (!get("currency").is_none()) o.currency_column = text("currency");
    if (!get("date").is_none()) o.date_column = text("date");
    if (!get("default_currency").is_none())
        o.default_currency = currency_from_python(text("default_currency"), "default_currency");
    if (!get("to").is_none()) o.target = currency_from_python(text("to"), "to");
    if (const py::object v = get("at"); !v.is_none()) o.fixed_date = date_from_python(v, "at");
    if (const py::object v = get("rounding"); !v.is_none()) {
        const auto r = text("rounding");
        if (r != "row" && r != "total") throw py::value_error("rounding: expected 'row' or 'total', found '" + r + "'");
        o.rounding = r == "total" ? convert_rounding::total : convert_rounding::row;
    }
    const auto integer = [&](const char* name, std::int32_t fallback) {
        const py::object v = get(name);
        return v.is_none() ? fallback : argument<std::int32_t>(v, name, "a whole number");
    };
    const py::object policy = get("policy");
    o.policy = policy_from_python(policy.is_none() ? "on-or-before" : text("policy"),
                                  integer("max_age_days", 7), integer("window_days", 7), integer("digits", 12));
    if (const py::object v = get("max_record_bytes"); !v.is_none()) {
        const auto bytes = argument<std::size_t>(v, "max_record_bytes", "a whole number of at least 1");
        if (bytes == 0) throw py::value_error("max_record_bytes must be at least 1");
        o.max_record_bytes = bytes;
    }
    if (const py::object v = get("memory_limit"); !v.is_none()) {
        const auto bytes = argument<long long>(v, "memory_limit", "a whole number of bytes");
        if (bytes < 0) throw py::value_error("memory_limit must be 0 (no limit) or a number of bytes");
        o.memory_limit = static_cast<std::size_t>(bytes);
    }
    if (const py::object v = get("spill_dir"); !v.is_none()) o.spill_directory = paths_from_python(v).at(0);
    if (const py::object v = get("threads"); !v.is_none())
        s.threads = threads_from(argument<long long>(v, "threads", "a whole number"));
    if (o.target) s.rates = rates_from_python(get("rates"));
    s.rejects = get("rejects");
    if (!s.rejects.is_none() && !PyCallable_Check(s.rejects.ptr()))
        throw py::type_error("rejects: expected a callable that takes a crossfoot.Diagnostic, or None");
    return s;
}

// Runs `aggregate` without the GIL, handing bad rows to the Python callable with it held. An
// exception that the callable raises is raised once the run ends.
template <typename Run>
partial_aggregate run_without_gil(const aggregation_settings& s, Run aggregate) {
    partial_aggregate out;
    out.group_by = s.options.group_by;
    out.target = s.options.target;
    out.rounding = s.options.rounding;
    std::exception_ptr raised;
    reject_sink sink;
    if (!s.rejects.is_none()) {
        sink = [&](const diagnostic& d) {
            const py::gil_scoped_acquire locked;
            if (raised) return;
            try {
                s.rejects(to_python(d));
            } catch (...) {
                raised = std::current_exception();
            }
        };
    }
    std::expected<void, diagnostic> done;
    {
        const py::gil_scoped_release unlocked;
        done = aggregate(out, sink);
    }
    if (raised) std::rethrow_exception(raised);
    if (!done) throw diagnostics_error({done.error()});
    return out;
}

// The cells of the report's rows as Python objects, made through the C API (a report may
// have millions of rows): a key field as str, the total as a Decimal, the rows as int, and
// the currency and the kind as one str each, shared by the rows that have it.
class row_objects {
public:
    // Calls `cell(k, object)` for each cell of `row`, k from 0: its key fields, currency,
    // total, rows and kind, as the report's columns.
    template <class Cell>
    void cells(const aggregate_row_view& row, Cell&& cell) {
        std::size_t k = 0;
        for (const std::string_view field : row.key)
            cell(k++, owned(PyUnicode_DecodeUTF8(field.data(), static_cast<Py_ssize_t>(field.size()), "strict")));
        cell(k++, currency(row.currency));
        cell(k++, to_python(*row.total));
        cell(k++, owned(PyLong_FromUnsignedLongLong(row.rows)));
        cell(k++, row.converted ? converted_ : exact_);
    }

private:
    py::object currency(unit u) {
        for (const auto& [known, text] : currencies_) {
            if (known == u) return text;
        }
        currencies_.emplace_back(u, py::str(std::string(u.code())));
        return currencies_.back().second;
    }

    std::vector<std::pair<unit, py::object>> currencies_;  // a report has a few
    py::object exact_ = py::str("exact");
    py::object converted_ = py::str("converted");
};

void append(const py::list& list, const py::object& item) {
    if (PyList_Append(list.ptr(), item.ptr()) != 0) throw py::error_already_set();
}

// The rows of the CLI's CSV, each a tuple, the total as a Decimal.
py::list rows_of(const partial_aggregate& p) {
    py::list out;
    row_objects objects;
    for_each_aggregate_row(p, [&](const aggregate_row_view& r) {
        py::tuple row(r.key.size() + 4);
        objects.cells(r, [&](std::size_t k, py::object cell) {
            PyTuple_SET_ITEM(row.ptr(), static_cast<Py_ssize_t>(k), cell.release().ptr());
        });
        append(out, row);
    });
    return out;
}

// The same as one list a column, in the order of `columns()`: for a DataFrame.
py::list columns_of(const partial_aggregate& p) {
    std::vector<py::list> columns(p.group_by.size() + 4);
    row_objects objects;
    for_each_aggregate_row(p, [&](const aggregate_row_view& r) {
        if (r.key.size() != p.group_by.size())  // a partial's groups all have its key's width
            throw std::logic_error("a group's key is not as wide as group_by");
        objects.cells(r, [&](std::size_t k, const py::object& cell) { append(columns[k], cell); });
    });
    py::list out;
    for (const py::list& column : columns) append(out, column);
    return out;
}

// The bytes of a str (as UTF-8) or of a bytes object, without a copy for a str of ASCII or
// for bytes; valid while `text` lives.
std::string_view bytes_of(py::handle text) {
    if (PyUnicode_Check(text.ptr()) != 0) {
        Py_ssize_t size = 0;
        const char* data = PyUnicode_AsUTF8AndSize(text.ptr(), &size);
        if (data == nullptr) throw py::error_already_set();
        return {data, static_cast<std::size_t>(size)};
    }
    if (PyBytes_Check(text.ptr()) != 0) return {PyBytes_AS_STRING(text.ptr()), static_cast<std::size_t>(PyBytes_GET_SIZE(text.ptr()))};
    throw py::type_error("expected the partial's JSON as str or bytes");
}

// A partial from its JSON (str or bytes), read without the interpreter's lock: Dask's threads
// unpickle partials of millions of groups.
partial_aggregate partial_from(const py::object& text) {
    const std::string_view json = bytes_of(text);
    std::expected<partial_aggregate, std::string> p;
    {
        const py::gil_scoped_release unlocked;  // `text` is immutable, and held by the caller
        p = partial_from_json(json);
    }
    if (!p) fail("<partial>", p.error(), "bad-partial");
    return std::move(*p);
}

csv_state state_from(int value) {
    if (value < 0 || value > 3) throw py::value_error("a CSV state is 0 to 3");
    return static_cast<csv_state>(value);
}

// A partial's JSON (to_json), written without the interpreter's lock: a partial of millions
// of groups is hundreds of megabytes, and Dask pickles partials to move them.
py::str json_of(const partial_aggregate& p) {
    return str_written([&](std::ostream& out) { out << p; });
}

}  // namespace

void bind_aggregates(py::module_& m) {
    py::class_<partial_aggregate> partial(m, "Partial",
                                  "An exact partial aggregate: merges with others in any order, travels as JSON "
                                  "and pickles.");
    partial.def(py::init<>())
        .def_readonly("group_by", &partial_aggregate::group_by)
        .def_property_readonly("target",
                               [](const partial_aggregate& p) -> py::object {
                                   if (!p.target) return py::none();
                                   return py::str(std::string(p.target->code()));
                               })
        .def_property_readonly("rounding",
                               [](const partial_aggregate& p) {
                                   return p.rounding == convert_rounding::total ? "total" : "row";
                               })
        .def_readonly("rows_read", &partial_aggregate::rows_read)
        .def_readonly("rows_rejected", &partial_aggregate::rows_rejected)
        .def_property_readonly("rows_accepted", &partial_aggregate::rows_accepted)
        .def("__len__", [](const partial_aggregate& p) { return p.groups.size(); })
        .def(
            "merge",
            [](const partial_aggregate& a, const partial_aggregate& b) {
                partial_aggregate out = a;
                if (auto merged = out.merge(b); !merged) throw py::value_error(merged.error());
                return out;
            },
            py::arg("other"), "A new partial holding both; the two must be grouped, converted and rounded alike.")
        .def("to_json", &json_of)
        .def_static("from_json", &partial_from, py::arg("text"))
        .def("rows", &rows_of, "The rows of `crossfoot aggregate --format csv`, totals as decimal.Decimal.")
        .def("columns", &aggregate_columns)
        .def("_column_values", &columns_of, "The rows' cells, a list per column, for to_dataframe.")
        .def(
            "format",
            [](const partial_aggregate& p, const std::string& kind, long long threads) {
                if (kind != "text" && kind != "csv" && kind != "json")
                    throw py::value_error("format: expected 'text', 'csv' or 'json', found '" + kind + "'");
                const unsigned n = threads_from(threads);
                // Made without the interpreter's lock: it reads the partial only, and other
                // Python threads may go on meanwhile.
                return str_written([&](std::ostream& out) {
                    if (kind == "text") write_aggregate_text(out, p, n);
                    else if (kind == "csv") write_aggregate_csv(out, p, n);
                    else write_aggregate_json(out, p, n);
                });
            },
            py::arg("kind") = "text", py::arg("threads") = 1,
            "The report `crossfoot aggregate --format KIND` prints; threads=N writes it on N threads, "
            "the same bytes.")
        .def("__eq__", [](const partial_aggregate& a, const partial_aggregate& b) { return a == b; })
        .def("__repr__",
             [](const partial_aggregate& p) {
                 return "<crossfoot.Partial: " + std::to_string(p.groups.size()) + " groups, " +
                        std::to_string(p.rows_read) + " rows read>";
             })
        .def(py::pickle(&json_of, [](const py::str& text) { return partial_from(text); }));
    pickle_at_any_protocol(partial);

    m.def(
        "aggregate_partial",
        [](py::handle paths, const py::kwargs& kw) {
            const auto files = paths_from_python(paths);
            const aggregation_settings s = settings_from(kw);
            return run_without_gil(s, [&](partial_aggregate& into, const reject_sink& sink) -> std::expected<void, diagnostic> {
                for (const std::string& path : files) {
                    auto done = aggregate_file(path, path, s.options, s.rates.get(), into, sink, s.threads);
                    if (!done) return done;
                }
                return {};
            });
        },
        py::arg("paths"),
        "Aggregates CSV ledgers into a Partial: by=[columns], to='EUR' with rates=..., threads=N, "
        "rejects=callable; the other keywords are those of `crossfoot aggregate`.");

    m.def("_nominal_ranges", &nominal_ranges, py::arg("size"), py::arg("range_bytes"));
    // The range steps of crossfoot.dask. A scan travels as (begin, end, (4 states), line
    // feeds, (size, modified_ns)); a position as (state, line).
    m.def(
        "_scan_csv_range",
        [](const std::string& path, std::uint64_t begin, std::uint64_t end) {
            std::expected<csv_range_scan, diagnostic> scan;
            {
                const py::gil_scoped_release unlocked;
                scan = scan_csv_range(path, path, begin, end);
            }
            if (!scan) throw diagnostics_error({scan.error()});
            const auto& a = scan->after;
            return std::make_tuple(scan->begin, scan->end,
                                   std::make_tuple(static_cast<int>(a[0]), static_cast<int>(a[1]),
                                                   static_cast<int>(a[2]), static_cast<int>(a[3])),
                                   scan->line_feeds, std::make_tuple(scan->version.size, scan->version.modified_ns));
        },
        py::arg("path"), py::arg("begin"), py::arg("end"));
    m.def(
        "_chain_csv_scans",
        [](const std::vector<std::tuple<std::uint64_t, std::uint64_t, std::tuple<int, int, int, int>, std::uint64_t,
                                        std::tuple<std::uint64_t, std::int64_t>>>& scans,
           const std::string& file_name) {
            std::vector<csv_range_scan> in;
            for (const auto& [begin, end, after, feeds, version] : scans) {
                const auto& [a, b, c, d] = after;
                in.push_back({begin, end, {state_from(a), state_from(b), state_from(c), state_from(d)}, feeds,
                              {std::get<0>(version), std::get<1>(version)}});
            }
            auto chained = chain_csv_scans(in, file_name);
            if (!chained) throw diagnostics_error({chained.error()});
            std::vector<std::tuple<int, std::uint64_t>> out;
            for (const csv_position& p : *chained) out.emplace_back(static_cast<int>(p.state), p.line);
            return out;
        },
        py::arg("scans"), py::arg("file_name"));
    m.def(
        "_aggregate_csv_range",
        [](const std::string& path, std::uint64_t begin, std::uint64_t end, std::tuple<int, std::uint64_t> at_begin,
           std::tuple<int, std::uint64_t> at_end, std::tuple<std::uint64_t, std::int64_t> version,
           const py::kwargs& kw) {
            const aggregation_settings s = settings_from(kw);
            const csv_range range{begin,
                                  end,
                                  {state_from(std::get<0>(at_begin)), std::get<1>(at_begin)},
                                  {state_from(std::get<0>(at_end)), std::get<1>(at_end)},
                                  {std::get<0>(version), std::get<1>(version)}};
            return run_without_gil(s, [&](partial_aggregate& into, const reject_sink& sink) {
                return aggregate_csv_range(path, path, range, s.options, s.rates.get(), into, sink, s.threads);
            });
        },
        py::arg("path"), py::arg("begin"), py::arg("end"), py::arg("at_begin"), py::arg("at_end"), py::arg("version"));
}

}  // namespace crossfoot::python
