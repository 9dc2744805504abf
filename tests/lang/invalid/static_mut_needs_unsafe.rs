// Every use of a `static mut` is unsafe: another thread might be changing it.
fn bump() -> u64 {
    static mut CALLS: u64 = 0;
    CALLS += 1;
    0
}

fn main() {
    println!("{}", bump());
}
