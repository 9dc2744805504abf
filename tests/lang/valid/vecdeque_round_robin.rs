// The SimpleExecutor's queue: `VecDeque` pops from the front and pushes at the back.
use std::collections::VecDeque;

fn main() {
    let mut queue: VecDeque<u32> = VecDeque::with_capacity(4);
    queue.push_back(1);
    queue.push_back(2);
    queue.push_front(0);
    println!("{:?} len {}", queue, queue.len());
    let mut rounds = 0;
    while let Some(task) = queue.pop_front() {
        rounds += 1;
        if task < 2 {
            queue.push_back(task + 10);
        }
    }
    println!("rounds {} empty {}", rounds, queue.is_empty());
    queue.push_back(7);
    queue.push_back(8);
    let sum: u32 = queue.iter().sum();
    println!("back {:?} sum {}", queue.pop_back(), sum);
}
