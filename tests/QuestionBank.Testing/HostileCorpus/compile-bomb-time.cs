// hostile: nested lambdas over three overloads, whose overload resolution is exponential in the depth
// exercise: lstm
// expect: compile_error, timeout
// limits: timeout=120
public class Solution
{
    private static void M(Action<int> action) { }
    private static void M(Action<string> action) { }
    private static void M(Action<double> action) { }

    public void Run(ExerciseContext ctx)
    {
        M(x0 => M(x1 => M(x2 => M(x3 => M(x4 => M(x5 => M(x6 => M(x7 => M(x8 => M(x9 => M(x10 => M(x11 => M(x12 => M(x13 => M(x14 => M(x15 => { }))))))))))))))));
    }
}
