// Threads are contexts on the one emulated core: a sleeping thread lets the others run, and
// `join` waits for a thread's result.
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

fn main() {
    let shared = Arc::new(Mutex::new(Vec::new()));
    let mut handles = Vec::new();
    for id in 0..3 {
        let log = Arc::clone(&shared);
        handles.push(thread::spawn(move || {
            thread::sleep(Duration::from_millis(30 - 10 * id));
            log.lock().unwrap().push(id);
            id * 2
        }));
    }
    let mut total = 0;
    for handle in handles {
        total += handle.join().unwrap();
    }
    println!("order {:?} total {}", *shared.lock().unwrap(), total);
}
