#@ starter
# Balance a pole on a cart with a deep Q-network.
# ctx.create_cart_pole() makes an environment: reset() gives the state (a list of 4 floats),
# step(action) with action 0 or 1 (a push one way or the other) gives the next state, the reward
# and whether the episode ended (state, reward, terminated, truncated; .done is either). Which number
# is which, their signs and offsets and which way each action pushes are drawn for each run: only
# the environment teaches them. Each epoch is one training episode. Hand the Q-network to
# ctx.submit: Linear layers with ReLU between them (as QNetwork below), mapping states [N, 4] to
# action values [N, 2]; the judge runs its weights itself and plays 20 greedy episodes
# (goal: eval_mean_return >= 195, at most 500).
#@ solution
# Reference solution: DQN (Mnih et al., 2015) with experience replay, a target network that is
# synchronised every few hundred steps, epsilon-greedy exploration and the Huber loss. It checks the
# greedy policy every few episodes and keeps the best weights, since DQN on CartPole can
# forget a good policy late in training.
#@ end
import random

import torch
from torch import nn
#@ solution
from torch.nn import functional as F
#@ end

GAMMA = 0.99
#@ solution
BUFFER_SIZE = 20_000
LEARNING_STARTS = 500
TARGET_SYNC_STEPS = 250
EXPLORATION_STEPS = 5_000
FINAL_EPSILON = 0.05
CHECK_EVERY = 10
#@ end


class QNetwork(nn.Module):
    # The judge reads the state_dict as (weight [out, in], bias [out]) pairs in order, a ReLU between them.
    def __init__(self, observations, actions):
        super().__init__()
        self.layers = nn.Sequential(
            nn.Linear(observations, 128), nn.ReLU(),
            #@ solution
            nn.Linear(128, 128), nn.ReLU(),
            #@ end
            nn.Linear(128, actions))

    def forward(self, states):
        return self.layers(states)


def run(ctx):
    #@ solution
    # The network is tiny and each step a few small operations: a second thread costs more in
    # hand-overs than it saves (much more on a busy machine), so the run keeps to one.
    torch.set_num_threads(1)
    #@ end
    environment = ctx.create_cart_pole()
    #@ starter
    network = QNetwork(environment.observation_size, environment.action_count).to(ctx.device)
    optimizer = torch.optim.Adam(network.parameters(), lr=ctx.learning_rate)
    #@ solution
    check_environment = ctx.create_cart_pole()
    online = QNetwork(environment.observation_size, environment.action_count).to(ctx.device)
    target = QNetwork(environment.observation_size, environment.action_count).to(ctx.device)
    target.load_state_dict(online.state_dict())
    optimizer = torch.optim.Adam(online.parameters(), lr=ctx.learning_rate, fused=True)  # one kernel per step
    buffer = ReplayBuffer(BUFFER_SIZE, environment.observation_size)
    #@ end
    rng = random.Random(ctx.seed)
    #@ solution
    best_return, best_weights = float("-inf"), None
    steps = 0
    #@ end

    for episode in range(1, ctx.epochs + 1):
        state = environment.reset()
        episode_return = 0.0
        while True:
            ctx.check_cancelled()
            #@ starter
            # TODO: choose actions epsilon-greedily from the network instead of at random, store
            # transitions in a replay buffer, and train on sampled mini-batches against a
            # target network: target = reward + GAMMA * max_a Q_target(next, a) unless terminated.
            action = rng.randrange(environment.action_count)
            #@ solution
            epsilon = max(FINAL_EPSILON, 1.0 - steps / EXPLORATION_STEPS)
            action = rng.randrange(environment.action_count) if rng.random() < epsilon else greedy(online, state, ctx.device)
            #@ end
            step = environment.step(action)
            #@ solution
            buffer.add(state, action, step.reward, step.state, step.terminated)
            #@ end
            episode_return += step.reward
            state = step.state
            #@ solution
            steps += 1

            if len(buffer) >= LEARNING_STARTS:
                learn(online, target, optimizer, buffer.sample(ctx.batch_size), ctx.device)
            if steps % TARGET_SYNC_STEPS == 0:
                target.load_state_dict(online.state_dict())
            #@ end
            if step.done:
                break
        #@ starter
        ctx.report(episode, **{"return": episode_return})
        #@ solution

        metrics = {"return": episode_return, "epsilon": epsilon}
        if len(buffer) >= LEARNING_STARTS and episode % CHECK_EVERY == 0:
            metrics["greedy_return"] = evaluate(online, check_environment, ctx.device, episodes=5)
            if metrics["greedy_return"] >= best_return:
                best_return = metrics["greedy_return"]
                best_weights = {name: value.detach().clone() for name, value in online.state_dict().items()}
        ctx.report(episode, **metrics)
        if best_return >= environment.max_steps:
            break  # The greedy policy already balances the pole for every step.
        #@ end
    #@ starter
    ctx.submit(network)
    #@ solution

    if best_weights is not None:
        online.load_state_dict(best_weights)
    print(f"{episode} episodes, {steps} steps, best greedy return {best_return}")
    ctx.submit(online)


@torch.no_grad()
def greedy(network, state, device):
    return network(torch.tensor(state, device=device).unsqueeze(0)).argmax(1).item()


def evaluate(network, environment, device, episodes):
    total = 0.0
    for _ in range(episodes):
        state = environment.reset()
        while True:
            step = environment.step(greedy(network, state, device))
            total += step.reward
            if step.done:
                break
            state = step.state
    return total / episodes


def learn(online, target, optimizer, batch, device):
    states, actions, rewards, next_states, not_done = (tensor.to(device) for tensor in batch)
    with torch.no_grad():
        targets = rewards + GAMMA * not_done * target(next_states).max(1).values
    predicted = online(states).gather(1, actions.unsqueeze(1)).squeeze(1)
    loss = F.smooth_l1_loss(predicted, targets)
    optimizer.zero_grad()
    loss.backward()
    nn.utils.clip_grad_norm_(online.parameters(), 10)
    optimizer.step()


class ReplayBuffer:
    """A ring buffer of transitions in preallocated tensors, sampled uniformly."""

    def __init__(self, capacity, observations):
        self.capacity = capacity
        self.states = torch.zeros(capacity, observations)
        self.actions = torch.zeros(capacity, dtype=torch.int64)
        self.rewards = torch.zeros(capacity)
        self.next_states = torch.zeros(capacity, observations)
        self.not_done = torch.zeros(capacity)
        self.next = 0
        self.count = 0

    def __len__(self):
        return self.count

    def add(self, state, action, reward, next_state, terminated):
        i = self.next
        self.states[i] = torch.tensor(state)
        self.actions[i] = action
        self.rewards[i] = reward
        self.next_states[i] = torch.tensor(next_state)
        self.not_done[i] = 0.0 if terminated else 1.0
        self.next = (i + 1) % self.capacity
        self.count = min(self.count + 1, self.capacity)

    def sample(self, size):
        j = torch.randint(self.count, (size,))
        return self.states[j], self.actions[j], self.rewards[j], self.next_states[j], self.not_done[j]
    #@ end
