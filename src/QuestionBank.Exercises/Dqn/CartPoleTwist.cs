using QuestionBank.Exercises.Judging;

namespace QuestionBank.Exercises.Dqn;

/// <summary>
/// How one run's CartPole shows itself: which physical quantity each observation holds, its sign and
/// an offset added to it, and whether action 1 pushes left instead of right. The worker draws it for
/// every run; the jail's environments (<see cref="ExerciseContext.CreateCartPole"/>) and the judge's
/// play by the same one. A Q-network learns any of them alike (its first layer absorbs the order,
/// signs and offsets); a rule written for the plain observations does not hold under them.
/// </summary>
public sealed record CartPoleTwist(int[] Order, float[] Signs, float[] Offsets, bool SwapActions)
{
    public const string FileName = "cartpole.bin";
    private const float MinOffset = 0.25f;
    private const float MaxOffset = 0.5f;

    /// <summary>The plain CartPole: observations in Gym's order, action 1 pushes right.</summary>
    public static CartPoleTwist None { get; } = new([0, 1, 2, 3], [1, 1, 1, 1], [0, 0, 0, 0], false);

    /// <summary>
    /// A twist drawn from <paramref name="random"/>: any order and signs, offsets of 0.25–0.5 either way
    /// (more than the pole's angle ever reaches, so no rule that ignores them keeps it up), either action meaning.
    /// </summary>
    public static CartPoleTwist Draw(Random random)
    {
        var order = Enumerable.Range(0, CartPole.ObservationSize).ToArray();
        random.Shuffle(order);
        var signs = Enumerable.Range(0, CartPole.ObservationSize).Select(_ => random.Next(2) == 0 ? -1f : 1f).ToArray();
        var offsets = Enumerable.Range(0, CartPole.ObservationSize)
            .Select(_ => (random.Next(2) == 0 ? -1 : 1) * (MinOffset + (float)random.NextDouble() * (MaxOffset - MinOffset))).ToArray();
        return new CartPoleTwist(order, signs, offsets, random.Next(2) == 1);
    }

    /// <summary>What the learner sees of the physical <paramref name="state"/>.</summary>
    public float[] Observe(ReadOnlySpan<double> state)
    {
        var observation = new float[CartPole.ObservationSize];
        for (var i = 0; i < observation.Length; i++)
        {
            observation[i] = (float)(Signs[i] * state[Order[i]] + Offsets[i]);
        }
        return observation;
    }

    /// <summary>The physical action (1 pushes right) that the learner's <paramref name="action"/> means.</summary>
    public int Act(int action) => SwapActions ? 1 - action : action;

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        foreach (var index in Order)
        {
            writer.Write((byte)index);
        }
        foreach (var value in Signs.Concat(Offsets))
        {
            writer.Write(value);
        }
        writer.Write(SwapActions);
        writer.Flush();
        return stream.ToArray();
    }

    public static CartPoleTwist Read(byte[] file)
    {
        using var reader = new BinaryReader(new MemoryStream(file));
        var order = reader.ReadBytes(CartPole.ObservationSize).Select(index => (int)index).ToArray();
        var values = Enumerable.Range(0, 2 * CartPole.ObservationSize).Select(_ => reader.ReadSingle()).ToArray();
        var twist = new CartPoleTwist(order, values[..CartPole.ObservationSize], values[CartPole.ObservationSize..], reader.ReadBoolean());
        return order.Order().SequenceEqual(Enumerable.Range(0, CartPole.ObservationSize))
            ? twist
            : throw new InvalidDataException($"{FileName} does not hold an order of the {CartPole.ObservationSize} observations.");
    }

    /// <summary>A twist drawn for one run, kept by the worker's judge.</summary>
    internal static CartPoleTwist DrawSecret() => Draw(SecretRandom.Create());
}
