// `pop` borrows the vector mutably only for the call.
async fn main() {
    let mut stack = vec![1, 2, 3];
    while let Some(top) = stack.pop() {
        println!("{} left {}", top, stack.len());
    }
}
