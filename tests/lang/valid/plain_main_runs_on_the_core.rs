// A plain `fn main()` is the program: it runs on the emulated core, with no executor. Plain code
// takes no virtual time; `work` keeps the core busy and `thread::sleep` blocks it.
use std::thread;
use std::time::Duration;

fn square(x: u64) -> u64 {
    x * x
}

fn main() {
    let mut total = 0;
    for i in 1..4 {
        total += square(i);
    }
    println!("total {}", total);
    work(Duration::from_millis(5));
    thread::sleep(Duration::from_millis(20));
    println!("done");
}
