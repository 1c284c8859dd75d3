"""The lint layer: configuration, the engine that runs rules, the runner, cache, fixes and baselines."""
