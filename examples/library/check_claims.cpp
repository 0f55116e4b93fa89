// examples/library/check_claims.cpp: checking a document's figures from a program.
// Build: link crossfoot::crossfoot. Run: check_claims examples/changzhou-2024.toml
#include <crossfoot/crossfoot.hpp>

#include <iostream>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: check_claims CLAIMS.toml\n";
        return 2;
    }
    // 1. Read the claims; every problem comes back as a diagnostic with file:line:column.
    const auto claims = crossfoot::read_claims_file(argv[1]);
    if (!claims) {
        for (const auto& d : claims.error()) std::cerr << crossfoot::format(d);
        return 2;
    }
    // 2. The rates: built-in table, the claims' rate files, then its inline quotes.
    const auto rates = crossfoot::rate_table_for(*claims);
    if (!rates) {
        for (const auto& d : rates.error()) std::cerr << crossfoot::format(d);
        return 2;
    }
    // 3. Check, then use the results directly or print a report.
    const crossfoot::check_report report = crossfoot::run_checks(*claims, *rates);
    for (const crossfoot::check_result& r : report.results) {
        std::cout << r.spec->id << ": " << crossfoot::to_string(r.verdict) << '\n';
        if (r.difference) std::cout << "  total - parts = " << *r.difference << ' ' << r.in << '\n';
    }
    return report.any_inconsistent() ? 1 : 0;
}
