// The Option is moved into the match; the binding is `mut` and refilled afterwards.
async fn main() {
    let mut slot = Some(String::from("x"));
    match slot {
        Some(s) => println!("took {}", s),
        None => println!("empty"),
    }
    slot = None;
    println!("{}", slot.is_none());
}
