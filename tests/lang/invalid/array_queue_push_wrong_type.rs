// An `ArrayQueue<u32>` holds `u32`s.
use crossbeam_queue::ArrayQueue;

fn main() {
    let queue: ArrayQueue<u32> = ArrayQueue::new(4);
    let _ = queue.push("task");
}
