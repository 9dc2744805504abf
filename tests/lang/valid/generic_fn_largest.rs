// A generic function with bounds, instantiated for two element types: each use is checked
// against `PartialOrd + Copy` and gets its own instance (`largest::<i32>`, `largest::<u8>`).
fn largest<T: PartialOrd + Copy>(v: &Vec<T>) -> T {
    let mut m = v[0];
    for i in 0..v.len() {
        if v[i] > m {
            m = v[i];
        }
    }
    m
}

fn pair<A, B>(a: A, b: B) -> (B, A) where A: Copy, B: Clone {
    (b, a)
}

async fn main() {
    let v = vec![3, 9, 4];
    let bytes: Vec<u8> = vec![7, 200, 5];
    yield_now().await;
    println!("{} {}", largest(&v), largest::<u8>(&bytes));
    let p = pair(1u64, String::from("x"));
    println!("{} {}", p.0, p.1);
}
