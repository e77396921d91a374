// hostile: submits a forecaster that answers NaN and infinities
// exercise: lstm
// expect: failed
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

public class Solution
{
    public void Run(ExerciseContext ctx) => ctx.Submit(new NotANumber());
}

public class NotANumber : Module<Tensor, Tensor>
{
    public NotANumber() : base(nameof(NotANumber)) { }

    public override Tensor forward(Tensor input) => full(input.shape[0], 1, float.NaN);
}
