// crossbeam's `ArrayQueue`: `push` gives the value back in `Err` when the queue is full.
use crossbeam_queue::ArrayQueue;
use std::sync::Arc;

fn main() {
    let queue = Arc::new(ArrayQueue::new(2));
    let task_queue = queue.clone();
    println!("{:?}", task_queue.push(10));
    println!("{:?}", task_queue.push(11));
    println!("{:?} full {}", task_queue.push(12), queue.is_full());
    while let Some(id) = queue.pop() {
        println!("popped {}", id);
    }
    println!("len {} empty {}", queue.len(), queue.is_empty());
}
