// hostile: recurses until the stack overflows, which kills the .NET process outright
// exercise: lstm
// expect: failed
public class Solution
{
    public void Run(ExerciseContext ctx) => Console.WriteLine(Deeper(0));

    private static long Deeper(long depth) => Deeper(depth + 1) + 1;
}
