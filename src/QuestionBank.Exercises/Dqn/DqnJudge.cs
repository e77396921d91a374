using QuestionBank.Exercises.Judging;

namespace QuestionBank.Exercises.Dqn;

/// <summary>
/// Plays greedy CartPole episodes, from start states of its own drawing, by asking the Q-network
/// for the values of each observation; the environment and the returns stay on the judge's side.
/// </summary>
internal sealed class DqnJudge : ExerciseJudge
{
    public override IReadOnlyDictionary<string, byte[]> TrainingFiles { get; } = new Dictionary<string, byte[]>();

    public override async Task<JudgeVerdict> JudgeAsync(JudgeTools tools, CancellationToken cancellationToken)
    {
        var random = SecretRandom.Create();
        var environments = Enumerable.Range(0, DqnRules.EvaluationEpisodes).Select(_ => new CartPole(random.Next())).ToArray();
        var states = environments.Select(environment => environment.Reset()).ToArray();
        var active = Enumerable.Range(0, environments.Length).ToList();
        double total = 0;
        // All episodes step together: one question per time step, not one per episode and step.
        while (active.Count > 0)
        {
            var observations = active.SelectMany(episode => states[episode]).ToArray();
            var values = (await tools.Model.ForwardAsync(new FloatTensor(observations, [active.Count, CartPole.ObservationSize]), cancellationToken))
                .Expect("Q-network", active.Count, CartPole.ActionCount);
            var stillActive = new List<int>(active.Count);
            for (var i = 0; i < active.Count; i++)
            {
                var episode = active[i];
                var step = environments[episode].Step(SecretRandom.ArgMax(values.Data.AsSpan(i * CartPole.ActionCount, CartPole.ActionCount)));
                total += step.Reward;
                states[episode] = step.State;
                if (!step.Done)
                {
                    stillActive.Add(episode);
                }
            }
            active = stillActive;
        }
        return new JudgeVerdict(new Dictionary<string, double> { ["eval_mean_return"] = total / environments.Length }, []);
    }
}
