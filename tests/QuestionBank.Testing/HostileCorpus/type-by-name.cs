// hostile: finds the runner's types by name and creates them without naming a reflection type
// exercise: lstm
// expect: compile_error
public class Solution
{
    public void Run(ExerciseContext ctx)
    {
        var type = Type.GetType("QuestionBank.Sandbox.Runner.RunnerHost, QuestionBank.Sandbox.Runner");
        var instance = Activator.CreateInstance(type!);
        Console.WriteLine(instance);
        var domain = AppDomain.CurrentDomain;
        Console.WriteLine(domain.FriendlyName);
    }
}
