// The items are `&i32`; a Vec<String> cannot be built from them.
async fn main() {
    let xs = vec![1, 2, 3];
    let ys: Vec<String> = xs.iter().collect();
    println!("{}", ys.len());
}
