#@ starter
# Forecast a seasonal time series with an LSTM.
# ctx.series holds the first 1,000 points of a series with a trend, two seasonal cycles and noise
# (ctx.series.values); ctx.series.windows() gives every 24-step window [N, 24, 1] with the value that
# follows [N, 1]. Hand the trained forecaster to ctx.submit: the judge compares its MSE on the last
# 200 points with the naive forecast "next = last" (goal: mse_ratio = test_mse / baseline_mse <= 0.2).
#@ solution
# Reference solution: an LSTM that forecasts the change from the last value of each window.
# Working relative to the last value keeps the inputs in range as the trend carries the series
# beyond the levels seen in training.
#@ end
import torch
from torch import nn
from torch.nn import functional as F
#@ solution
from torch.utils.data import DataLoader, TensorDataset
#@ end


class Forecaster(nn.Module):
    def __init__(self, hidden_size):
        super().__init__()
        self.lstm = nn.LSTM(1, hidden_size, batch_first=True)
        self.head = nn.Linear(hidden_size, 1)

    # windows: [N, T, 1] -> next value: [N, 1]
    def forward(self, windows):
        #@ starter
        # TODO: the trend carries the test values beyond the training range; consider feeding the
        # network the window relative to its last value and predicting the change.
        sequence, _ = self.lstm(windows)
        return self.head(sequence[:, -1, :])
        #@ solution
        last = windows[:, -1, :]
        sequence, _ = self.lstm(windows - last.unsqueeze(1))
        return last + self.head(sequence[:, -1, :])
        #@ end


def run(ctx):
    inputs, targets = ctx.series.windows()
    model = Forecaster(hidden_size=32).to(ctx.device)
    optimizer = torch.optim.Adam(model.parameters(), lr=ctx.learning_rate)
    #@ solution
    batches = DataLoader(TensorDataset(inputs, targets), batch_size=ctx.batch_size, shuffle=True,
                         generator=torch.Generator().manual_seed(ctx.seed))
    #@ end

    for epoch in range(1, ctx.epochs + 1):
        #@ starter
        ctx.check_cancelled()
        #@ end
        model.train()
        #@ starter
        # TODO: iterate over shuffled mini-batches of ctx.batch_size windows instead of one
        # full batch, and take an optimizer step for each.
        loss = F.mse_loss(model(inputs.to(ctx.device)), targets.to(ctx.device))
        ctx.report(epoch, loss=loss.item())
        #@ solution
        loss_sum = 0.0
        for window, target in batches:
            ctx.check_cancelled()
            optimizer.zero_grad()
            loss = F.mse_loss(model(window.to(ctx.device)), target.to(ctx.device))
            loss.backward()
            optimizer.step()
            loss_sum += loss.item() * len(target)
        ctx.report(epoch, loss=loss_sum / len(inputs))
        #@ end
    ctx.submit(model)
