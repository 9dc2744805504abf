// Two threads on the one emulated core. `spinner` computes forever and never gives the core back
// by itself; `printer` prints a line for every millisecond of work. The timer interrupt that ends
// each 10 ms time slice is what lets `printer` run at all.
use std::thread;

fn spinner() {
    println!("spinner starts");
    let mut rounds: u64 = 0;
    loop {
        work(Duration::from_millis(1));
        rounds += 1;
    }
}

fn printer() {
    for i in 0..20 {
        println!("printer {}", i);
        work(Duration::from_millis(1));
    }
}

fn main() {
    let _spinner = thread::spawn(move || spinner());
    let printer = thread::spawn(move || printer());
    printer.join().unwrap();
    println!("main: printer is done, spinner is still computing");
}
