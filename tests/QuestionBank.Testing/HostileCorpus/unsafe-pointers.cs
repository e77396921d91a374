// hostile: reads memory through raw pointers
// exercise: lstm
// expect: compile_error
public class Solution
{
    public unsafe void Run(ExerciseContext ctx)
    {
        long* p = (long*)0x1000;
        Console.WriteLine(*p);
    }
}
