namespace QuestionBank.Exercises;

/// <summary>The outcome of one CartPole step.</summary>
/// <param name="State">Cart position, cart velocity, pole angle (radians), pole angular velocity, as the run's <see cref="Dqn.CartPoleTwist"/> shows them.</param>
/// <param name="Reward">1 for every step the pole stays up.</param>
/// <param name="Terminated">The pole fell or the cart left the track: no future reward.</param>
/// <param name="Truncated">The episode reached <see cref="CartPole.MaxSteps"/>.</param>
public readonly record struct CartPoleStep(float[] State, float Reward, bool Terminated, bool Truncated)
{
    public bool Done => Terminated || Truncated;
}

/// <summary>
/// The classic-control cart-pole (Barto, Sutton and Anderson, 1983) with Gym's CartPole-v1
/// constants and rules: Euler integration at 50 Hz, a 10 N push left or right, the episode ends
/// when the pole leans past 12° or the cart leaves ±2.4, or after 500 steps. Its observations and
/// actions pass through the run's <see cref="Dqn.CartPoleTwist"/> (none: Gym's).
/// </summary>
public sealed class CartPole(int seed, Dqn.CartPoleTwist? twist = null)
{
    public const int ObservationSize = 4;
    public const int ActionCount = 2;
    public const int MaxSteps = Catalog.Dqn.DqnRules.MaxSteps;

    private const double Gravity = 9.8;
    private const double CartMass = 1.0;
    private const double PoleMass = 0.1;
    private const double TotalMass = CartMass + PoleMass;
    private const double HalfPoleLength = 0.5;
    private const double PoleMassLength = PoleMass * HalfPoleLength;
    private const double ForceMagnitude = 10.0;
    private const double Tau = 0.02;
    private const double AngleLimit = 12 * 2 * Math.PI / 360;
    private const double PositionLimit = 2.4;

    private readonly Random random = new(seed);
    private readonly Dqn.CartPoleTwist twist = twist ?? Dqn.CartPoleTwist.None;
    private double x, xDot, theta, thetaDot;
    private int steps;
    private bool done = true;

    /// <summary>Starts an episode from a state drawn uniformly in ±0.05.</summary>
    public float[] Reset()
    {
        x = Uniform();
        xDot = Uniform();
        theta = Uniform();
        thetaDot = Uniform();
        steps = 0;
        done = false;
        return State();
    }

    /// <summary>Pushes the cart left (action 0) or right (action 1), untwisted, for one time step.</summary>
    public CartPoleStep Step(int action)
    {
        if (done)
        {
            throw new InvalidOperationException("The episode has ended; call Reset() first.");
        }
        ArgumentOutOfRangeException.ThrowIfNegative(action);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(action, ActionCount);

        var force = twist.Act(action) == 1 ? ForceMagnitude : -ForceMagnitude;
        var cos = Math.Cos(theta);
        var sin = Math.Sin(theta);
        var temp = (force + PoleMassLength * thetaDot * thetaDot * sin) / TotalMass;
        var thetaAcc = (Gravity * sin - cos * temp)
            / (HalfPoleLength * (4.0 / 3.0 - PoleMass * cos * cos / TotalMass));
        var xAcc = temp - PoleMassLength * thetaAcc * cos / TotalMass;

        x += Tau * xDot;
        xDot += Tau * xAcc;
        theta += Tau * thetaDot;
        thetaDot += Tau * thetaAcc;
        steps++;

        var terminated = Math.Abs(x) > PositionLimit || Math.Abs(theta) > AngleLimit;
        var truncated = !terminated && steps >= MaxSteps;
        done = terminated || truncated;
        return new CartPoleStep(State(), 1f, terminated, truncated);
    }

    private float[] State() => twist.Observe([x, xDot, theta, thetaDot]);

    private double Uniform() => random.NextDouble() * 0.1 - 0.05;
}
