// The closure maps to u64, the vector wants i32.
async fn main() {
    let xs = vec![1u64, 2, 3];
    let ys: Vec<i32> = xs.iter().map(|x| x * 2).collect();
    println!("{:?}", ys);
}
