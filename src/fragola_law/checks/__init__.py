"""One pure function per rule: `check_<id>(snapshot, params, settings) -> RuleResult`."""
