namespace QuestionBank.Benchmarks;

/// <summary>What the load benchmark measures, and how hard it pushes.</summary>
/// <param name="Questions">The bank's size.</param>
/// <param name="Requests">Requests per scenario.</param>
/// <param name="Warmup">Requests per scenario before measuring.</param>
/// <param name="Concurrency">Requests in flight.</param>
/// <param name="Learners">Learners with a review history.</param>
/// <param name="ReviewsPerLearner">Reviews in each learner's history.</param>
/// <param name="DataDirectory">
/// Where to keep the benchmark's PostgreSQL cluster, so that a later run reuses the bank built by this
/// one (--data-directory); by default a throwaway directory.
/// </param>
public sealed record BenchmarkOptions(int Questions, int Requests, int Warmup, int Concurrency, int Learners, int ReviewsPerLearner, string? DataDirectory)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        int Value(string name, int fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
        }

        // One request in flight per core by default: the web app, PostgreSQL and this load generator
        // share the machine, and more requests in flight than cores only measure the queue.
        return new BenchmarkOptions(
            Value("--questions", 100_000),
            Value("--requests", 3_000),
            Value("--warmup", 2_000),
            Value("--concurrency", Environment.ProcessorCount),
            Value("--learners", 10_000),
            Value("--reviews-per-learner", 1_000),
            Array.IndexOf(args, "--data-directory") is var at and >= 0 && at + 1 < args.Length ? Path.GetFullPath(args[at + 1]) : null);
    }

    public static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "QuestionBank.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("QuestionBank.sln not found above the benchmark.");
    }
}
