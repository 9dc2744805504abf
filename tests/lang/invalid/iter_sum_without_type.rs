// `sum` can make many types: rustc needs to be told which.
async fn main() {
    let xs = vec![1, 2, 3];
    let s = xs.iter().sum();
    println!("{}", s);
}
