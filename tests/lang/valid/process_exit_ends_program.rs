// `std::process::exit` ends the whole program where it is called: a thread still sleeping never
// prints, and the statements after the call never run. Its type is `!`, so it fits any branch.
use std::thread;
use std::time::Duration;

fn code(ok: bool) -> i32 {
    if ok { 0 } else { 1 }
}

fn main() {
    thread::spawn(|| {
        thread::sleep(Duration::from_millis(50));
        println!("never printed");
    });
    thread::sleep(Duration::from_millis(20));
    let n: u32 = if code(true) == 0 {
        println!("exiting at 20 ms");
        std::process::exit(code(true))
    } else {
        7
    };
    println!("not reached {}", n);
}
