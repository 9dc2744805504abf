// Generic type aliases: each use substitutes its arguments for the alias's parameters
// (`Pair<u8>` is `(u8, u8)`); an alias may name another, generic or not.
type Pair<T> = (T, T);
type Grid<T> = Vec<Pair<T>>;
type Count = u32;
type Keyed<K, V> = Vec<(K, Option<V>)>;

fn swap(p: Pair<u8>) -> Pair<u8> {
    (p.1, p.0)
}

fn main() {
    let p: Pair<u8> = (1, 2);
    println!("{:?}", swap(p));
    let mut g: Grid<Count> = Vec::new();
    g.push((3, 4));
    g.push((5, 6));
    println!("{:?} {}", g, g.len());
    let k: Keyed<String, u32> = vec![("a".to_string(), Some(1)), ("b".to_string(), None)];
    println!("{:?}", k);
}
