// hostile: builds and compiles an expression tree that calls a method chosen by its name
// exercise: lstm
// expect: compile_error
using System.Linq.Expressions;

public class Solution
{
    public void Run(ExerciseContext ctx)
    {
        var call = Expression.Call(typeof(Environment), "GetEnvironmentVariables", Type.EmptyTypes);
        var lambda = Expression.Lambda<Func<object>>(call).Compile();
        Console.WriteLine(lambda());
    }
}
